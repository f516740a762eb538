import { LETTERS } from "../content/answer-encoding.ts";
import { MAX_CHOICES } from "../content/module-schema.ts";
import type { Increments } from "./result-counts.ts";

/** The stored shape of one interaction, as far as question rollups care. */
export interface AnswerRecord {
  id: string;
  type?: string | null;
  learnerResponse?: string | null;
  result?: string | null;
}

// Graded questions only: the bundle names them quiz-<id> and check-<id>; likert statements are
// self-assessment with no right answer.
const GRADED_ID = /^(quiz|check)-[a-z0-9-]+$/;
// Only letters a question can have are counted: the rollup's keys stay bounded whatever is sent.
const OPTION_LETTERS = new Set(LETTERS.slice(0, MAX_CHOICES));

/** Option letters (choice) or true/false; anything else is not counted, so keys stay bounded. */
export function chosenOptions(a: AnswerRecord): string[] {
  const response = a.learnerResponse ?? "";
  if (a.type === "true-false") return response === "true" || response === "false" ? [response] : [];
  if (a.type !== "choice") return [];
  const letters = response.split("[,]");
  return letters.every((l) => OPTION_LETTERS.has(l)) ? [...new Set(letters)] : [];
}

/**
 * Per-question increments for the answers at `from..` of an attempt's journal, given every answer
 * before them (to tell an attempt's first answer to a question from a retry).
 */
export function questionIncrements(
  journal: readonly AnswerRecord[],
  from: number,
): Map<string, Increments> {
  const seen = new Set<string>();
  for (const a of journal.slice(0, from)) seen.add(a.id);
  const byQuestion = new Map<string, Increments>();
  for (const a of journal.slice(from)) {
    if (!GRADED_ID.test(a.id) || a.type === "likert") continue;
    const inc = byQuestion.get(a.id) ?? {};
    const correct = a.result === "correct" ? 1 : 0;
    if (!seen.has(a.id)) {
      seen.add(a.id);
      inc.attempts = (inc.attempts ?? 0) + 1;
      inc.firstTryCorrect = (inc.firstTryCorrect ?? 0) + correct;
    }
    inc.answers = (inc.answers ?? 0) + 1;
    inc.correct = (inc.correct ?? 0) + correct;
    for (const option of chosenOptions(a))
      inc[`options.${option}`] = (inc[`options.${option}`] ?? 0) + 1;
    byQuestion.set(a.id, inc);
  }
  for (const [id, inc] of byQuestion) {
    for (const [k, v] of Object.entries(inc)) if (v === 0) delete inc[k];
    if (Object.keys(inc).length === 0) byQuestion.delete(id);
  }
  return byQuestion;
}
