import type { AnswerRecord } from "./question-counts.ts";
import { chosenOptions } from "./question-counts.ts";
import { type Increments, mergeIncrements } from "./result-counts.ts";

// What item analysis needs, kept as running sums so a report reads one small document per
// question and never a list of learners. Only a learner's first attempt counts (number 1), and in
// it only the first answer to each final-quiz question: a retry or retake has seen the question
// before. Under `first.` in the question rollup:
//   n, right        learners who answered it; of those, right first time (facility = right / n)
//   options.<x>     how often each option was their first choice
//   m, mx, r, rr, xr   for the item-rest correlation, over learners who also answered another quiz
//                   question: count, right, and the sums of R, R² and R·right, where R is the
//                   share of their OTHER quiz questions right first time, in hundredths of a
//                   percent (integers, so adding and later subtracting a learner stays exact).

const QUIZ_ID = /^quiz-[a-z0-9-]+$/;
const SCALE = 10_000;

interface FirstAnswer {
  right: 0 | 1;
  options: string[];
}

/** The first answer to each graded quiz question in the first `upTo` entries of a journal. */
function firstAnswers(journal: readonly AnswerRecord[], upTo: number): Map<string, FirstAnswer> {
  const first = new Map<string, FirstAnswer>();
  for (const a of journal.slice(0, upTo)) {
    if (!QUIZ_ID.test(a.id) || a.type === "likert" || first.has(a.id)) continue;
    first.set(a.id, { right: a.result === "correct" ? 1 : 0, options: chosenOptions(a) });
  }
  return first;
}

/** What one attempt's first answers add to each question's `first.` block. */
function contributions(answers: Map<string, FirstAnswer>, sign: 1 | -1): Map<string, Increments> {
  const out = new Map<string, Increments>();
  const total = [...answers.values()].reduce((sum, a) => sum + a.right, 0);
  const others = answers.size - 1;
  for (const [id, a] of answers) {
    const inc: Increments = { "first.n": sign, "first.right": sign * a.right };
    for (const option of a.options) inc[`first.options.${option}`] = sign;
    if (others > 0) {
      const rest = Math.round(((total - a.right) * SCALE) / others);
      inc["first.m"] = sign;
      inc["first.mx"] = sign * a.right;
      inc["first.r"] = sign * rest;
      inc["first.rr"] = sign * rest * rest;
      inc["first.xr"] = sign * rest * a.right;
    }
    out.set(id, inc);
  }
  return out;
}

/**
 * The change to the `first.` blocks when a first attempt's journal grows from `from` entries to
 * all of `journal`. A new quiz answer changes the rest score of every question answered before
 * it, so those take the difference too (bounded by the quiz's length). Empty for retakes.
 */
export function firstAttemptIncrements(
  attemptNumber: number,
  journal: readonly AnswerRecord[],
  from: number,
): Map<string, Increments> {
  if (attemptNumber !== 1) return new Map();
  const before = firstAnswers(journal, from);
  const after = firstAnswers(journal, journal.length);
  if (after.size === before.size) return new Map();
  const out = new Map<string, Increments>();
  for (const part of [contributions(before, -1), contributions(after, 1)])
    for (const [id, inc] of part) out.set(id, mergeIncrements(out.get(id) ?? {}, inc));
  for (const [id, inc] of out) if (Object.keys(inc).length === 0) out.delete(id);
  return out;
}

/** Adds `more` into `into`, question by question. */
export function mergeQuestionIncrements(
  into: Map<string, Increments>,
  more: Map<string, Increments>,
): Map<string, Increments> {
  for (const [id, inc] of more) into.set(id, mergeIncrements(into.get(id) ?? {}, inc));
  return into;
}
