import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { isMap, isSeq, LineCounter, parseDocument } from "yaml";
import { lintLibrary } from "./lint/lint-library.ts";
import { type Hint, lintModule } from "./lint/lint-module.ts";
import type { ModuleContent } from "./module-schema.ts";
import {
  type CourseProblem,
  type Locate,
  listCourseFolders,
  readCourseFolder,
} from "./read-course-folder.ts";
import { YAML_MAX_ALIAS_COUNT } from "./yaml-limits.ts";

export interface LibraryCheck {
  modules: ModuleContent[];
  /** What stops a module from loading: schema problems and template text. */
  problems: CourseProblem[];
  /** Assessment hints (messages start with "hint: "); none of them stops anything. */
  hints: CourseProblem[];
  /** Hints left out of `hints` because ACCEPTED_HINTS_FILE lists them with a reason. */
  accepted: number;
}

/**
 * Hints the library keeps on purpose, each with its reason, in the courses folder itself. A
 * list of `{module, question, rule, reason}`; `question` is left out for module-wide hints.
 */
export const ACCEPTED_HINTS_FILE = "accepted-hints.yaml";

interface Accepted {
  module: string;
  question: string | null;
  rule: string;
  line: number;
  used: boolean;
}

/**
 * Reads every module folder and lints every module that reads; also catches what no single
 * folder can see (duplicate slugs, the same question asked in two modules).
 */
export function checkLibrary(root: string, displayRoot = process.cwd()): LibraryCheck {
  const show = (f: string) => relative(displayRoot, f) || f;
  const modules: ModuleContent[] = [];
  const locators = new Map<string, Locate>();
  const problems: CourseProblem[] = [];
  const found: { slug: string; hint: Hint }[] = [];
  const seen = new Map<string, string>();
  for (const folder of listCourseFolders(root)) {
    const result = readCourseFolder(folder, displayRoot);
    if (!result.ok) {
      problems.push(...result.problems);
      continue;
    }
    const earlier = seen.get(result.content.slug);
    if (earlier) {
      problems.push({
        file: `${show(folder)}/module.yaml`,
        line: 1,
        message: `duplicate slug "${result.content.slug}" (also in ${show(earlier)})`,
      });
      continue;
    }
    seen.set(result.content.slug, folder);
    const hints = lintModule(result.content);
    const blockers = hints.filter((h) => h.severity === "error");
    // Template text blocks publishing, and loading the library publishes.
    problems.push(...blockers.map((h) => ({ ...result.locate(h.path), message: h.message })));
    if (blockers.length > 0) continue;
    modules.push(result.content);
    locators.set(result.content.slug, result.locate);
    found.push(...hints.map((hint) => ({ slug: result.content.slug, hint })));
  }
  found.push(...lintLibrary(modules));

  const acceptedFile = join(root, ACCEPTED_HINTS_FILE);
  const { entries, problems: listProblems } = readAccepted(acceptedFile, show(acceptedFile));
  problems.push(...listProblems);
  const hints: CourseProblem[] = [];
  let accepted = 0;
  for (const { slug, hint } of found) {
    const module = modules.find((m) => m.slug === slug);
    const question = module ? questionIdAt(module, hint.path) : null;
    const entry = entries.find(
      (e) => e.module === slug && e.question === question && e.rule === hint.rule,
    );
    if (entry) {
      entry.used = true;
      accepted++;
      continue;
    }
    const at = locators.get(slug)?.(hint.path) ?? { file: slug, line: 1 };
    hints.push({ ...at, message: `hint: ${hint.message} [${hint.rule}]` });
  }
  for (const e of entries.filter((entry) => !entry.used)) {
    hints.push({
      file: show(acceptedFile),
      line: e.line,
      message: `hint: no ${e.rule} hint on ${e.question ?? "the module"} in ${e.module} any more; remove this entry`,
    });
  }
  return { modules, problems, hints, accepted };
}

/** The id of the question a path points into, or null for module-wide paths. */
function questionIdAt(m: ModuleContent, path: (string | number)[]): string | null {
  if (path[0] === "quiz" && typeof path[1] === "number") return m.quiz[path[1]]?.id ?? null;
  if (path[0] === "lessons" && path[2] === "checks") {
    const [, li, , qi] = path;
    if (typeof li === "number" && typeof qi === "number") {
      return m.lessons[li]?.checks[qi]?.id ?? null;
    }
  }
  return null;
}

function readAccepted(
  file: string,
  shown: string,
): { entries: Accepted[]; problems: CourseProblem[] } {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return { entries: [], problems: [] };
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const refuse = (line: number, message: string) => ({
    entries: [],
    problems: [{ file: shown, line, message }],
  });
  if (doc.errors.length > 0) {
    return refuse(doc.errors[0]?.linePos?.[0]?.line ?? 1, "YAML syntax error");
  }
  if (doc.contents !== null && !isSeq(doc.contents)) {
    return refuse(1, "must be a list of {module, question, rule, reason}");
  }
  const entries: Accepted[] = [];
  const problems: CourseProblem[] = [];
  const items = isSeq(doc.contents) ? doc.contents.items : [];
  for (const item of items) {
    const line = lines.linePos((item as { range?: number[] } | null)?.range?.[0] ?? 0).line;
    const e = isMap(item) ? item.toJS(doc, { maxAliasCount: YAML_MAX_ALIAS_COUNT }) : null;
    const ok =
      e &&
      typeof e.module === "string" &&
      typeof e.rule === "string" &&
      (e.question === undefined || typeof e.question === "string") &&
      typeof e.reason === "string" &&
      e.reason.trim().length >= 10;
    if (!ok) {
      problems.push({
        file: shown,
        line,
        message:
          "each accepted hint needs module, rule, a reason (a sentence) and, unless it is module-wide, question",
      });
      continue;
    }
    entries.push({
      module: e.module,
      question: e.question ?? null,
      rule: e.rule,
      line,
      used: false,
    });
  }
  return { entries, problems };
}
