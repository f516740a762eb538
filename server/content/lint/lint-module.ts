// The assessment linter: lintModule(content) finds what makes a question answerable without the
// lessons, or unfair, and where. It imports nothing that needs Node or zod, so the editor can run
// it in the browser on every change, courses:check runs it on the library, and publishing runs it
// through publishBlockers (publish-blockers.ts).
import { duplicatesWithin } from "./duplicate-rules.ts";
import { thinFeedback } from "./feedback-rules.ts";
import type { Hint } from "./hint.ts";
import { answerPosition, lengthPattern, trueFalseBalance } from "./module-rules.ts";
import { absoluteWords, allNoneOfTheAbove, longestCorrect, oddOneOut } from "./option-rules.ts";
import { placeholders } from "./placeholder-rules.ts";
import { readModule } from "./read-module.ts";
import { negativeStem } from "./stem-rules.ts";
import { lessonWording } from "./wording-rules.ts";

export { type Hint, LINT_RULES, type LintRule } from "./hint.ts";

const QUESTION_RULES = [
  longestCorrect,
  absoluteWords,
  allNoneOfTheAbove,
  oddOneOut,
  negativeStem,
  thinFeedback,
];

/**
 * Every hint for a module's content, in the order of the fields they point at (module-wide hints
 * first). Accepts any value, valid or not (a draft being typed), and never throws. Severity
 * "error" marks template text, which blocks publishing; every other hint is advice and blocks
 * nothing.
 */
export function lintModule(content: unknown): Hint[] {
  const m = readModule(content);
  const hints: Hint[] = [
    ...placeholders(m),
    ...lengthPattern(m),
    ...answerPosition(m),
    ...trueFalseBalance(m),
    ...m.questions.flatMap((q) => QUESTION_RULES.flatMap((rule) => rule(q))),
    ...lessonWording(m),
    ...duplicatesWithin(m.questions),
  ];
  return hints.sort((a, b) => comparePaths(a.path, b.path));
}

/** Document order: lessons (with their checks) before the quiz, index by index. */
function comparePaths(a: (string | number)[], b: (string | number)[]): number {
  const rank = (key: string | number | undefined) =>
    key === undefined ? -1 : typeof key === "number" ? key : (FIELD_ORDER.get(key) ?? 99);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = rank(a[i]) - rank(b[i]);
    if (d !== 0) return d;
  }
  return 0;
}

const FIELD_ORDER = new Map(
  [
    "slug",
    "title",
    "summary",
    "lessons",
    "markdown",
    "checks",
    "quiz",
    "reflections",
    "worksheet",
    "prompt",
    "situation",
    "answer",
    "options",
    "items",
    "pairs",
    "statements",
    "bands",
    "text",
    "left",
    "right",
    "feedback",
    "true",
    "false",
    "label",
  ].map((k, i) => [k, i]),
);
