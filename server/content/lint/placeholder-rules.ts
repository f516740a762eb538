// Text the editor, the module template or the article import put in for the author to replace.
// It is valid content (so a new draft saves at once), but a learner must never see it: it blocks
// publishing.
import type { Hint } from "./hint.ts";
import type { LintModule, Path } from "./read-module.ts";
import { quote } from "./text.ts";

/**
 * Whole texts that are placeholders (case and end punctuation aside). Kept in step with
 * server/authoring/module-template.ts, server/authoring/article-to-module.ts and the editor's
 * new-question and new-lesson defaults (public/authoring/src/new-question.ts, lessons.ts).
 */
const WHOLE = [
  /^the correct answer$/,
  /^a wrong answer$/,
  /^(option|step|item|match) \d+$/,
  /^step \d+ comes here$/,
  /^feedback for (true|false)$/,
  /^(first|second) statement$/,
  /^what this profile means$/,
  /^describe the situation the learner faces$/,
  /^write a statement that is true or false$/,
  /^explain why this option is or is not right$/,
];

/** Phrases that mark a placeholder wherever they appear, as one pattern: lessons can be long. */
const PART_SOURCE = [
  // The mark Rapport puts at the start of every stub it writes (server/content/publish-blockers.ts).
  "^\\[placeholder\\]",
  "write the lesson here",
  "write (?:the|your) question here",
  "write a question about ",
  "\\(replace this text\\)",
  "(?:say|explain) why this answer is (?:right|wrong)",
  "describe in a sentence or two what learners",
  "write a summary\\b",
  "\\blorem ipsum\\b",
]
  .join("|")
  .replaceAll(" ", "\\s+");
/** Searching lower-cased text without the i flag is several times faster on long lessons. */
const PART_LOWER = new RegExp(PART_SOURCE);
const PART = new RegExp(PART_SOURCE, "i");

/** No whole-text placeholder is longer than this. */
const WHOLE_MAX = 60;

/** The template phrase `text` holds, as written, or null. */
export function placeholderIn(text: string): string | null {
  const t = text.trim();
  if (t.length <= WHOLE_MAX) {
    const bare = t
      .toLowerCase()
      .replace(/\s+/g, " ")
      .replace(/[.!?:;,]+$/, "");
    if (WHOLE.some((re) => re.test(bare))) return t;
  }
  if (!PART_LOWER.test(t.toLowerCase())) return null;
  return PART.exec(t)?.[0].replace(/\s+/g, " ") ?? null;
}

function* allTexts(m: LintModule): Generator<[string, Path]> {
  yield [m.title, ["title"]];
  yield [m.summary, ["summary"]];
  for (const l of m.lessons) {
    yield [l.title, [...l.path, "title"]];
    yield [l.markdown, [...l.path, "markdown"]];
  }
  for (const q of m.questions) {
    yield [q.prompt, [...q.path, "prompt"]];
    yield [q.situation, [...q.path, "situation"]];
    for (const [i, o] of q.options.entries()) {
      yield [o.text, [...q.path, "options", i, "text"]];
      yield [o.feedback, [...q.path, "options", i, "feedback"]];
    }
    if (q.verdicts) {
      yield [q.verdicts.true, [...q.path, "feedback", "true"]];
      yield [q.verdicts.false, [...q.path, "feedback", "false"]];
    }
    for (const [i, s] of q.items.entries()) {
      yield [s.text, [...q.path, "items", i, "text"]];
      yield [s.feedback, [...q.path, "items", i, "feedback"]];
    }
    for (const [i, p] of q.pairs.entries()) {
      yield [p.left, [...q.path, "pairs", i, "left"]];
      yield [p.right, [...q.path, "pairs", i, "right"]];
      yield [p.feedback, [...q.path, "pairs", i, "feedback"]];
    }
    for (const [i, s] of q.likert.statements.entries()) {
      yield [s, [...q.path, "statements", i, "text"]];
    }
    for (const [i, b] of q.likert.bands.entries()) {
      yield [b.label, [...q.path, "bands", i, "label"]];
      yield [b.text, [...q.path, "bands", i, "text"]];
    }
  }
  for (const r of m.reflections) yield [r.prompt, [...r.path, "prompt"]];
  if (m.worksheet) {
    yield [m.worksheet.title, ["worksheet", "title"]];
    yield [m.worksheet.markdown, ["worksheet", "markdown"]];
  }
}

/** Every field still holding template text; each one blocks publishing. */
export function placeholders(m: LintModule): Hint[] {
  const hints: Hint[] = [];
  for (const [text, path] of allTexts(m)) {
    const found = text ? placeholderIn(text) : null;
    if (!found) continue;
    hints.push({
      rule: "placeholder",
      severity: "error",
      path,
      message: `still holds the template text ${quote(found)}; write the real text before publishing`,
    });
  }
  return hints;
}
