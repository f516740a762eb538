import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { isMap, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import type { z } from "zod";
import { parseFrontMatter } from "./front-matter.ts";
import { type ModuleContent, moduleContent } from "./module-schema.ts";

/** One problem in a course folder, located as precisely as the source allows. */
export interface CourseProblem {
  file: string;
  line: number;
  message: string;
}

export type FolderResult =
  | { ok: true; content: ModuleContent; folder: string }
  | { ok: false; problems: CourseProblem[]; folder: string };

export const MODULE_FILE = "module.yaml";
export const MAX_LESSON_BYTES = 100_000;
/** A Markdown file directly in the module folder: no directories, no "..". */
const SAFE_FILE_NAME = /^[\w-][\w.-]*\.md$/;

export function formatProblem(p: CourseProblem): string {
  return `${p.file}:${p.line}: ${p.message}`;
}

interface SourceMap {
  moduleFile: string;
  doc: ReturnType<typeof parseDocument>;
  lines: LineCounter;
  lessonFiles: (string | null)[];
}

/** Reads courses/<slug>/ into a validated module, or every problem found with file and line. */
export function readCourseFolder(folder: string, displayRoot = process.cwd()): FolderResult {
  const show = (f: string) => relative(displayRoot, f) || f;
  const moduleFile = join(folder, MODULE_FILE);
  if (!existsSync(moduleFile)) {
    return {
      ok: false,
      folder,
      problems: [{ file: show(moduleFile), line: 1, message: "module.yaml is missing" }],
    };
  }
  const lines = new LineCounter();
  const doc = parseDocument(readFileSync(moduleFile, "utf8"), {
    lineCounter: lines,
    prettyErrors: false,
  });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      folder,
      problems: doc.errors.map((e) => ({
        file: show(moduleFile),
        line: e.linePos?.[0]?.line ?? 1,
        message: `YAML syntax: ${e.message.split("\n")[0]}`,
      })),
    };
  }
  const raw = doc.toJS() as unknown;
  const problems: CourseProblem[] = [];
  const at = (path: (string | number)[]) => ({
    file: show(moduleFile),
    line: lineOf(doc, lines, path),
  });
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) {
    return {
      ok: false,
      folder,
      problems: [{ ...at([]), message: "module.yaml must be a mapping of fields" }],
    };
  }
  const data = raw as Record<string, unknown>;
  const lessonFiles: (string | null)[] = [];
  const lessons = Array.isArray(data.lessons) ? data.lessons : [];
  const lessonInputs = lessons.map((entry: unknown, i: number) => {
    const e = (entry && typeof entry === "object" ? entry : {}) as Record<string, unknown>;
    const { file, ...rest } = e;
    if (typeof file !== "string" || !SAFE_FILE_NAME.test(file)) {
      problems.push({
        ...at(["lessons", i]),
        message: "each lesson needs `file:` naming a .md file in this folder",
      });
      lessonFiles.push(null);
      return { ...rest };
    }
    const path = join(folder, file);
    if (!existsSync(path)) {
      problems.push({ ...at(["lessons", i, "file"]), message: `lesson file ${file} is missing` });
      lessonFiles.push(null);
      return { ...rest };
    }
    lessonFiles.push(show(path));
    if (statSync(path).size > MAX_LESSON_BYTES) {
      problems.push({
        file: show(path),
        line: 1,
        message: `lesson is larger than ${MAX_LESSON_BYTES} bytes`,
      });
    }
    let parsed: ReturnType<typeof parseFrontMatter>;
    try {
      parsed = parseFrontMatter(readFileSync(path, "utf8"));
    } catch (err) {
      problems.push({ file: show(path), line: 1, message: (err as Error).message });
      // Reported once here; its missing title and text would only repeat the news.
      lessonFiles[i] = null;
      return { ...rest };
    }
    const fm = parsed.data;
    return {
      id: file.replace(/\.md$/, ""),
      title: fm.title,
      minutes: fm.minutes,
      markdown: parsed.content.trim(),
      ...rest,
    };
  });

  let worksheet: { title: unknown; markdown: string } | undefined;
  if (data.worksheet !== undefined) {
    const file = data.worksheet;
    // The same rule as lesson files: a bare file name, so nothing outside the folder is read.
    const path = typeof file === "string" && SAFE_FILE_NAME.test(file) ? join(folder, file) : "";
    if (!path || !existsSync(path)) {
      problems.push({
        ...at(["worksheet"]),
        message: "worksheet must name a .md file in this folder",
      });
    } else {
      try {
        const parsed = parseFrontMatter(readFileSync(path, "utf8"));
        worksheet = { title: parsed.data.title ?? "Worksheet", markdown: parsed.content.trim() };
      } catch (err) {
        problems.push({ file: show(path), line: 1, message: (err as Error).message });
      }
    }
  }

  const input = { ...data, lessons: lessonInputs, ...(worksheet ? { worksheet } : {}) };
  // A bad worksheet entry was reported above; the schema need not say it again.
  if (!worksheet) delete (input as Record<string, unknown>).worksheet;
  const result = moduleContent.safeParse(input);
  if (!result.success) {
    const source: SourceMap = { moduleFile: show(moduleFile), doc, lines, lessonFiles };
    // A missing lesson file is already reported once; its absent title and text are not news.
    const fromMissingFile = (issue: z.core.$ZodIssue) => {
      const [first, index, field] = issue.path;
      return (
        first === "lessons" &&
        typeof index === "number" &&
        lessonFiles[index] === null &&
        FROM_LESSON_FILE.has(String(field))
      );
    };
    problems.push(
      ...result.error.issues.filter((i) => !fromMissingFile(i)).map((i) => locateIssue(i, source)),
    );
  }
  if (problems.length > 0 || !result.success) return { ok: false, folder, problems };
  return { ok: true, folder, content: result.data };
}

const FROM_LESSON_FILE = new Set(["title", "minutes", "markdown", "id"]);

function locateIssue(issue: z.core.$ZodIssue, src: SourceMap): CourseProblem {
  const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
  const [first, index, field] = path;
  // Title, minutes and text of a lesson come from its Markdown file's front matter and body.
  if (
    first === "lessons" &&
    typeof index === "number" &&
    typeof field === "string" &&
    FROM_LESSON_FILE.has(field)
  ) {
    const file = src.lessonFiles[index];
    if (file) {
      return {
        file,
        line: field === "markdown" ? 1 : frontMatterLine(file, field),
        message: `${field}: ${issue.message}`,
      };
    }
  }
  const where = path.length ? `${path.join(".")}: ` : "";
  return {
    file: src.moduleFile,
    line: lineOf(src.doc, src.lines, path),
    message: `${where}${issue.message}`,
  };
}

function frontMatterLine(file: string, field: string): number {
  const text = existsSync(file) ? readFileSync(file, "utf8").split("\n") : [];
  const i = text.findIndex((l) => l.startsWith(`${field}:`));
  return i >= 0 ? i + 1 : 1;
}

/** The line of the deepest YAML node that exists along `path`. */
function lineOf(
  doc: ReturnType<typeof parseDocument>,
  lines: LineCounter,
  path: (string | number)[],
): number {
  let node: Node | null = doc.contents as Node | null;
  let offset = node?.range?.[0] ?? 0;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
      if (!pair) break;
      const keyNode = pair.key as Node | null;
      offset = keyNode?.range?.[0] ?? offset;
      node = pair.value as Node | null;
    } else if (isSeq(node) && typeof key === "number") {
      const item = node.items[key] as Node | undefined;
      if (!item) break;
      node = item;
      offset = item.range?.[0] ?? offset;
    } else break;
  }
  return lines.linePos(offset).line;
}

/** Every module folder under `root` (folders holding a module.yaml, or any folder at all). */
export function listCourseFolders(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((name) => !name.startsWith(".") && statSync(join(root, name)).isDirectory())
    .sort()
    .map((name) => join(root, name));
}
