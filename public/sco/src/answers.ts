import { letterAt } from "../../../server/content/answer-encoding.ts";
import { bandFor } from "../../../server/content/likert-bands.ts";
import type { Question, QuestionOf } from "./content.ts";
import type { Edition } from "./lms-api.ts";

// Answers are short strings in the platform's one encoding (server/content/answer-encoding.ts,
// shared with the daily review); this file adds what only the player needs.
export {
  correctAnswer,
  isCorrect,
  isGraded,
  LETTERS,
  letterAt,
} from "../../../server/content/answer-encoding.ts";

export function isComplete(q: Question, answer: string): boolean {
  if (!answer) return false;
  if (q.type === "matching") return !answer.includes("-");
  if (q.type === "likert") return !answer.includes("0");
  return true;
}

export function likertAverage(answer: string): number {
  const points = Array.from(answer, Number);
  return points.reduce((sum, p) => sum + p, 0) / points.length;
}

type Band = QuestionOf<"likert">["bands"][number];

/** The platform's one band rule (server/content/likert-bands.ts), bundled into the SCO. */
export function likertBand(q: QuestionOf<"likert">, answer: string): Band {
  return bandFor(likertAverage(answer), q.bands) as Band;
}

/** Learner answer → the response string of the given SCORM edition. */
export function scormResponse(kind: Edition, q: Question, answer: string): string {
  const list = kind === 2004 ? "[,]" : ",";
  const pair = kind === 2004 ? "[.]" : ".";
  switch (q.type) {
    case "true-false":
      if (kind === 2004) return answer === "t" ? "true" : "false";
      return answer;
    case "matching":
      return Array.from(answer)
        .map((letter, i) => (letter === "-" ? "" : `${i + 1}${pair}${letter}`))
        .filter(Boolean)
        .join(list);
    default:
      return Array.from(answer).join(list);
  }
}

/** Deterministic shuffle, never left in the correct order, so an ordering task is a task. */
export function shuffledLetters(count: number, seed: string): string {
  let hash = 2166136261;
  for (const ch of seed) hash = Math.imul(hash ^ ch.charCodeAt(0), 16777619) >>> 0;
  const order = Array.from({ length: count }, (_, i) => i);
  for (let i = count - 1; i > 0; i--) {
    hash = Math.imul(hash ^ (hash >>> 15), 2246822507) >>> 0;
    const j = hash % (i + 1);
    swap(order, i, j);
  }
  if (order.every((v, i) => v === i)) order.push(order.shift() as number);
  return order.map((i) => letterAt(i)).join("");
}

export function swap<T>(list: T[], a: number, b: number): void {
  const first = list[a] as T;
  list[a] = list[b] as T;
  list[b] = first;
}
