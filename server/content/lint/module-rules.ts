// Rules about patterns across a module's questions, which a learner picks up over a quiz even
// when each question on its own is fine.

import { LETTERS as ANSWER_LETTERS } from "../answer-encoding.ts";
import { MAX_CHOICES } from "../module-schema.ts";
import { type Hint, hint } from "./hint.ts";
import type { LintModule, LintQuestion } from "./read-module.ts";
import { visibleLength } from "./text.ts";

/** Fewer questions than this are too few to call anything a pattern. */
const PATTERN_MIN = 3;

/** Where the correct option of a single-choice or scenario question ranks by length. */
export function lengthRank(q: LintQuestion): "longest" | "shortest" | "between" | null {
  if ((q.type !== "single" && q.type !== "scenario") || q.options.length < 2) return null;
  const correct = q.options.find((o) => o.correct);
  if (!correct) return null;
  const mine = visibleLength(correct.text);
  const others = q.options.filter((o) => o !== correct).map((o) => visibleLength(o.text));
  if (others.every((n) => mine > n)) return "longest";
  if (others.every((n) => mine < n)) return "shortest";
  return "between";
}

/**
 * The correct option longest in more than a third of the module's single-choice and scenario
 * questions (about what chance gives with three or four options), or shortest in more than half.
 */
export function lengthPattern(m: LintModule): Hint[] {
  const ranks = m.questions.map(lengthRank).filter((r) => r !== null);
  if (ranks.length < PATTERN_MIN) return [];
  const longest = ranks.filter((r) => r === "longest").length;
  const shortest = ranks.filter((r) => r === "shortest").length;
  const hints: Hint[] = [];
  if (longest * 3 > ranks.length) {
    hints.push(
      hint(
        "length-pattern",
        [],
        `the correct option is the longest in ${longest} of ${ranks.length} single-choice and scenario questions, so "pick the longest" scores well without the lessons; keep it to a third at most`,
      ),
    );
  }
  if (shortest * 2 > ranks.length) {
    hints.push(
      hint(
        "length-pattern",
        [],
        `the correct option is the shortest in ${shortest} of ${ranks.length} single-choice and scenario questions, so "pick the shortest" scores well without the lessons; vary which option is longest`,
      ),
    );
  }
  return hints;
}

const LETTERS = ANSWER_LETTERS.slice(0, MAX_CHOICES);

/**
 * One position holding the correct option in more than half of the module's single-choice and
 * scenario questions. The player shows options in the order they are written, so a favourite
 * position is a cue.
 */
export function answerPosition(m: LintModule): Hint[] {
  const keyed = m.questions.filter(
    (q) => (q.type === "single" || q.type === "scenario") && q.options.some((o) => o.correct),
  );
  if (keyed.length < PATTERN_MIN + 1) return [];
  const counts = new Map<number, number>();
  for (const q of keyed) {
    const at = q.options.findIndex((o) => o.correct);
    counts.set(at, (counts.get(at) ?? 0) + 1);
  }
  const [at, count] = [...counts].sort((a, b) => b[1] - a[1])[0] as [number, number];
  if (count * 2 <= keyed.length) return [];
  return [
    hint(
      "answer-position",
      [],
      `the correct option is option ${LETTERS[at] ?? at + 1} in ${count} of ${keyed.length} single-choice and scenario questions, so a learner who guesses "${LETTERS[at] ?? at + 1}" does well; spread the correct options over the positions`,
    ),
  ];
}

/** True/false answers outside a third to two thirds true, over the module's checks and quiz. */
export function trueFalseBalance(m: LintModule): Hint[] {
  const answers = m.questions.filter((q) => q.type === "true-false" && q.answer !== null);
  if (answers.length < PATTERN_MIN) return [];
  const trues = answers.filter((q) => q.answer === true).length;
  const share = trues / answers.length;
  if (share * 3 >= 1 && share * 3 <= 2) return [];
  const [most, count] = share < 0.5 ? ["false", answers.length - trues] : ["true", trues];
  return [
    hint(
      "true-false-balance",
      [],
      `${count} of ${answers.length} true/false statements are ${most}, so answering "${most}" every time scores ${Math.round((count / answers.length) * 100)} %; make between a third and two thirds of them true`,
    ),
  ];
}
