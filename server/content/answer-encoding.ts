// The one answer encoding, shared by the SCO runtime (bundled into every package) and the daily
// review on the server, so an answer grades the same in a module and in a review. Every answer is
// a short string:
//   single/scenario "b" · multiple "ac" · true-false "t"|"f" · ordering "cabd" (the item at each
//   position, items lettered by their correct position) · matching "ba-" (per left item, the
//   chosen right item, "-" for none) · likert "3140" (scale point 1..N per statement, "0" for none).
// Import-free on purpose: esbuild bundles it into the SCO.

export const LETTERS = "abcdefghijklmnopqrstuvwxyz";

/** The letter naming an option, item or pair (no module has more than 26). */
export const letterAt = (index: number): string => LETTERS.charAt(index);

/** What grading needs of a question; both the schema's questions and the SCO's fit it. */
export type Gradable =
  | { type: "single" | "scenario" | "multiple"; options: readonly { correct: boolean }[] }
  | { type: "true-false"; answer: boolean }
  | { type: "ordering"; items: readonly unknown[] }
  | { type: "matching"; pairs: readonly unknown[] }
  | { type: "likert" };

export const isGraded = <Q extends { type: string }>(q: Q): q is Exclude<Q, { type: "likert" }> =>
  q.type !== "likert";

/** The correct answer's string, or null for a question with no right answer (likert). */
export function correctAnswer(q: Gradable): string | null {
  switch (q.type) {
    case "single":
    case "scenario":
    case "multiple":
      return q.options.map((o, i) => (o.correct ? letterAt(i) : "")).join("");
    case "true-false":
      return q.answer ? "t" : "f";
    case "ordering":
      return LETTERS.slice(0, q.items.length);
    case "matching":
      return LETTERS.slice(0, q.pairs.length);
    default:
      return null;
  }
}

export const isCorrect = (q: Gradable, answer: string): boolean => answer === correctAnswer(q);
