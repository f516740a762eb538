// Rules about how a question is asked.
import { type Hint, hint } from "./hint.ts";
import type { LintQuestion } from "./read-module.ts";
import { quietNegative } from "./text.ts";

/**
 * The sentence that asks: "A customer asks something you cannot answer. What builds trust?" turns
 * on "What builds trust?", and the "cannot" of its setting reverses nothing.
 */
function askingPart(prompt: string): string {
  const sentences = prompt.match(/[^.?!]+[.?!]*/g) ?? [prompt];
  return sentences.filter((s) => s.includes("?")).join(" ") || prompt;
}

/** A stem (or true/false statement) that hinges on a negative word written in lower case. */
export function negativeStem(q: LintQuestion): Hint[] {
  if (q.type === "likert") return [];
  const word = quietNegative(q.type === "true-false" ? q.prompt : askingPart(q.prompt));
  if (!word) return [];
  const what = q.type === "true-false" ? "statement" : "question";
  return [
    hint(
      "negative-stem",
      [...q.path, "prompt"],
      `the ${what} turns on "${word}", which a quick reader misses and then answers the opposite${q.type === "true-false" ? " (and answering false to a negative is a double negative)" : ""}; ask it positively, or write the word in capitals (${word.toUpperCase()})`,
    ),
  ];
}
