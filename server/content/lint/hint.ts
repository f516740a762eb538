import type { Path } from "./read-module.ts";

/**
 * The assessment rules, by id. Why each matters, with its source, is in the README
 * ("Assessment hints").
 */
export const LINT_RULES = {
  "longest-correct": "the correct option is clearly the longest",
  "length-pattern": "across the module, the correct option is usually the longest (or shortest)",
  "answer-position": "across the module, the correct option is usually in the same position",
  "absolute-words":
    "absolute words (always, never, only …) only in wrong options or false statements",
  "all-none-of-the-above": '"all of the above" or "none of the above" as an option',
  "odd-one-out": "a multiple-choice question with only one wrong option",
  "true-false-balance": "most true/false statements in the module have the same answer",
  "negative-stem": "a question turns on NOT, EXCEPT or NEVER without emphasis",
  "lesson-wording": "an option or stem repeats a lesson's sentence word for word",
  "duplicate-question": "two questions test the same thing",
  "thin-feedback": "feedback that is missing or only says right or wrong",
  placeholder: "template text left in place (blocks publishing)",
  schema: "the content schema refuses it (blocks saving and publishing)",
} as const;

export type LintRule = keyof typeof LINT_RULES;

/**
 * One finding. `path` has the form of a zod issue path (["quiz", 2, "options", 1, "text"]), so the
 * editor shows it next to the same field as a schema error; [] means the module as a whole.
 * "hint" never blocks anything; "error" blocks publishing (never saving).
 */
export interface Hint {
  rule: LintRule;
  message: string;
  path: Path;
  severity: "hint" | "error";
}

export const hint = (rule: LintRule, path: Path, message: string): Hint => ({
  rule,
  message,
  path,
  severity: "hint",
});
