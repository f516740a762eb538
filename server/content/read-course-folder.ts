import { readdirSync, readFileSync, type Stats, statSync } from "node:fs";
import { join, relative } from "node:path";
import { isMap, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import type { z } from "zod";
import { FrontMatterError, parseFrontMatter } from "./front-matter.ts";
import {
  LESSON_MARKDOWN_MAX,
  type ModuleContent,
  moduleContent,
  WORKSHEET_MARKDOWN_MAX,
} from "./module-schema.ts";
import {
  MODULE_YAML_MAX_BYTES,
  YAML_MAX_ALIAS_COUNT,
  yamlErrorMessage,
  yamlNestingProblem,
} from "./yaml-limits.ts";

/** One problem in a course folder, located as precisely as the source allows. */
export interface CourseProblem {
  file: string;
  line: number;
  message: string;
}

/** The file and line a content path (zod's form: ["quiz", 2, "options", 1]) was read from. */
export type Locate = (path: readonly (string | number)[]) => { file: string; line: number };

export type FolderResult =
  | { ok: true; content: ModuleContent; folder: string; locate: Locate }
  | { ok: false; problems: CourseProblem[]; folder: string };

export const MODULE_FILE = "module.yaml";
export const MAX_LESSON_BYTES = LESSON_MARKDOWN_MAX;
/** A worksheet file is read up to four bytes per allowed character (UTF-8's widest). */
export const MAX_WORKSHEET_BYTES = 4 * WORKSHEET_MARKDOWN_MAX;
/** A Markdown file directly in the module folder: no directories, no "..". */
const SAFE_FILE_NAME = /^[\w-][\w.-]*\.md$/;

export function formatProblem(p: CourseProblem): string {
  return `${p.file}:${p.line}: ${p.message}`;
}

/** A Markdown file the module draws text from, to point a problem at its line. */
interface TextFile {
  path: string;
  shown: string;
  /** The file line on which the (trimmed) Markdown body starts. */
  bodyLine: number;
}

interface SourceMap {
  moduleFile: string;
  doc: ReturnType<typeof parseDocument>;
  lines: LineCounter;
  lessonFiles: (TextFile | null)[];
  worksheetFile: TextFile | null;
}

/**
 * Reads courses/<slug>/ into a validated module, or every problem found with file and line.
 * Never throws: whatever a folder holds (folders where files belong, unreadable files, hostile
 * YAML) becomes a problem, so one bad folder cannot stop start-up or `courses:check`.
 */
export function readCourseFolder(folder: string, displayRoot = process.cwd()): FolderResult {
  const show = (f: string) => relative(displayRoot, f) || f;
  try {
    return readFolder(folder, show);
  } catch (err) {
    return {
      ok: false,
      folder,
      problems: [
        {
          file: show(join(folder, MODULE_FILE)),
          line: 1,
          message: `this module cannot be read: ${(err as Error).message}`,
        },
      ],
    };
  }
}

/**
 * Why `path` cannot be read as a text file of at most `maxBytes` ("missing", or a phrase to
 * follow the file's name), or null when it can.
 */
function unreadable(path: string, maxBytes: number): string | null {
  let stats: Stats | undefined;
  try {
    stats = statSync(path, { throwIfNoEntry: false });
  } catch (err) {
    return `cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`;
  }
  if (!stats) return "missing";
  if (!stats.isFile()) return "is a folder or special file, not a file";
  if (stats.size > maxBytes) return `is larger than ${maxBytes} bytes`;
  return null;
}

function readFolder(folder: string, show: (f: string) => string): FolderResult {
  const moduleFile = join(folder, MODULE_FILE);
  const refused = (line: number, message: string): FolderResult => ({
    ok: false,
    folder,
    problems: [{ file: show(moduleFile), line, message }],
  });
  const moduleProblem = unreadable(moduleFile, MODULE_YAML_MAX_BYTES);
  if (moduleProblem) {
    return refused(1, `module.yaml ${moduleProblem === "missing" ? "is missing" : moduleProblem}`);
  }
  const text = readFileSync(moduleFile, "utf8");
  const deep = yamlNestingProblem(text);
  if (deep) return refused(deep.line, `YAML is ${deep.message}`);
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
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
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: YAML_MAX_ALIAS_COUNT });
  } catch (err) {
    return refused(1, `YAML: ${yamlErrorMessage(err)}`);
  }
  const problems: CourseProblem[] = [];
  const at = (path: (string | number)[]) => ({
    file: show(moduleFile),
    line: lineOf(doc, lines, path),
  });
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) {
    return refused(at([]).line, "module.yaml must be a mapping of fields");
  }
  const data = raw as Record<string, unknown>;
  const lessonFiles: (TextFile | null)[] = [];
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
    const problem = unreadable(path, MAX_LESSON_BYTES);
    if (problem === "missing") {
      problems.push({ ...at(["lessons", i, "file"]), message: `lesson file ${file} is missing` });
      lessonFiles.push(null);
      return { ...rest };
    }
    // Reported once here; its missing title and text would only repeat the news.
    const skip = (line: number, message: string) => {
      problems.push({ file: show(path), line, message });
      lessonFiles.push(null);
      return { ...rest };
    };
    if (problem) return skip(1, `lesson ${problem}`);
    let parsed: ReturnType<typeof parseFrontMatter>;
    try {
      parsed = parseFrontMatter(readFileSync(path, "utf8"));
    } catch (err) {
      return skip(err instanceof FrontMatterError ? err.line : 1, (err as Error).message);
    }
    lessonFiles.push({ path, shown: show(path), bodyLine: bodyLine(parsed) });
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
  let worksheetFile: TextFile | null = null;
  if (data.worksheet !== undefined) {
    const file = data.worksheet;
    // The same rule as lesson files: a bare file name, so nothing outside the folder is read.
    const path = typeof file === "string" && SAFE_FILE_NAME.test(file) ? join(folder, file) : "";
    const problem = path ? unreadable(path, MAX_WORKSHEET_BYTES) : "missing";
    if (problem === "missing") {
      problems.push({
        ...at(["worksheet"]),
        message: "worksheet must name a .md file in this folder",
      });
    } else if (problem) {
      problems.push({ file: show(path), line: 1, message: `worksheet ${problem}` });
    } else {
      try {
        const parsed = parseFrontMatter(readFileSync(path, "utf8"));
        worksheet = { title: parsed.data.title ?? "Worksheet", markdown: parsed.content.trim() };
        worksheetFile = { path, shown: show(path), bodyLine: bodyLine(parsed) };
      } catch (err) {
        const line = err instanceof FrontMatterError ? err.line : 1;
        problems.push({ file: show(path), line, message: (err as Error).message });
      }
    }
  }

  const input = { ...data, lessons: lessonInputs, ...(worksheet ? { worksheet } : {}) };
  // A bad worksheet entry was reported above; the schema need not say it again.
  if (!worksheet) delete (input as Record<string, unknown>).worksheet;
  const result = moduleContent.safeParse(input);
  const source: SourceMap = {
    moduleFile: show(moduleFile),
    doc,
    lines,
    lessonFiles,
    worksheetFile,
  };
  if (!result.success) {
    // A lesson file reported above is not news again through its absent title and text.
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
  return { ok: true, folder, content: result.data, locate: (path) => locatePath(path, source) };
}

/** The file line of the first line of the trimmed body. */
function bodyLine(parsed: ReturnType<typeof parseFrontMatter>): number {
  const body = parsed.content;
  const lead = body.slice(0, body.length - body.trimStart().length);
  const blankLines = lead.split("\n").length - 1;
  return parsed.bodyLine + blankLines;
}

const FROM_LESSON_FILE = new Set(["title", "minutes", "markdown", "id"]);

function locateIssue(issue: z.core.$ZodIssue, src: SourceMap): CourseProblem {
  const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
  const file = textFileOf(path, src);
  if (file) return inTextFile(issue, file, String(path[2] ?? path[1]));
  const where = path.length ? `${path.join(".")}: ` : "";
  return {
    file: src.moduleFile,
    line: lineOf(src.doc, src.lines, path),
    message: `${where}${issue.message}`,
  };
}

/**
 * The Markdown file a path's field is read from: a lesson's title, minutes and text come from its
 * file's front matter and body, the worksheet's text from its file. Null for module.yaml fields.
 */
function textFileOf(path: readonly (string | number)[], src: SourceMap): TextFile | null {
  const [first, index, field] = path;
  if (
    first === "lessons" &&
    typeof index === "number" &&
    typeof field === "string" &&
    FROM_LESSON_FILE.has(field)
  ) {
    return src.lessonFiles[index] ?? null;
  }
  if (first === "worksheet" && index === "markdown") return src.worksheetFile;
  return null;
}

/** Where a content path was read from, for hints about valid content. */
function locatePath(
  path: readonly (string | number)[],
  src: SourceMap,
): { file: string; line: number } {
  const file = textFileOf(path, src);
  if (!file) return { file: src.moduleFile, line: lineOf(src.doc, src.lines, path) };
  const field = String(path[0] === "worksheet" ? path[1] : path[2]);
  if (field === "markdown") return { file: file.shown, line: file.bodyLine };
  return { file: file.shown, line: frontMatterLine(file.path, field) };
}

/** A problem with a field read from a Markdown file: its front matter line, or the body's. */
function inTextFile(issue: z.core.$ZodIssue, file: TextFile, field: string): CourseProblem {
  if (field !== "markdown") {
    return {
      file: file.shown,
      line: frontMatterLine(file.path, field),
      message: `${field}: ${issue.message}`,
    };
  }
  // Markdown limits name the line within the text; the file's line adds the front matter.
  const params = (issue as { params?: { line?: number; reason?: string } }).params;
  if (params?.line && params.reason) {
    return {
      file: file.shown,
      line: file.bodyLine + params.line - 1,
      message: `markdown: ${params.reason}`,
    };
  }
  return { file: file.shown, line: file.bodyLine, message: `markdown: ${issue.message}` };
}

function frontMatterLine(file: string, field: string): number {
  const text = readFileSync(file, "utf8").split("\n");
  const i = text.findIndex((l) => l.startsWith(`${field}:`));
  return i >= 0 ? i + 1 : 1;
}

/** The line of the deepest YAML node that exists along `path`. */
function lineOf(
  doc: ReturnType<typeof parseDocument>,
  lines: LineCounter,
  path: readonly (string | number)[],
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
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return [];
  }
  return names
    .filter((name) => !name.startsWith(".") && isFolder(join(root, name)))
    .sort()
    .map((name) => join(root, name));
}

/** False for files and for entries that cannot be looked at (a dangling link). */
function isFolder(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
  } catch {
    return false;
  }
}
