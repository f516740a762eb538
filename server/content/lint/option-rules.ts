// Rules about one question's options: cues that give the answer away without the knowledge the
// question is meant to check.
import { type Hint, hint } from "./hint.ts";
import { isChoice, type LintQuestion } from "./read-module.ts";
import { absoluteWord, quote, visibleLength } from "./text.ts";

/** How much longer than every other option the correct one must be to stand out. */
export const CLEARLY_LONGER = 1.3;
/** …and by at least this many characters, so two short options never count. */
const LONGER_BY = 10;

const clearlyLonger = (a: number, b: number) => a >= b * CLEARLY_LONGER && a - b >= LONGER_BY;

/** The correct option (or, in a multiple-choice question, every correct one) clearly longest. */
export function longestCorrect(q: LintQuestion): Hint[] {
  if (!isChoice(q) || q.options.length < 2) return [];
  const right = q.options.filter((o) => o.correct).map((o) => visibleLength(o.text));
  const wrong = q.options.filter((o) => !o.correct).map((o) => visibleLength(o.text));
  if (right.length === 0 || wrong.length === 0) return [];
  const shortestRight = Math.min(...right);
  const longestWrong = Math.max(...wrong);
  if (!clearlyLonger(shortestRight, longestWrong)) return [];
  const times = (shortestRight / longestWrong).toFixed(1);
  if (q.type === "multiple") {
    return [
      hint(
        "longest-correct",
        [...q.path, "options"],
        `every correct option is longer than every wrong one (at least ${times} times the longest wrong one), so length alone picks them; make the wrong options as full and careful as the right ones`,
      ),
    ];
  }
  const index = q.options.findIndex((o) => o.correct);
  return [
    hint(
      "longest-correct",
      [...q.path, "options", index, "text"],
      `the correct option is ${times} times as long as the longest other one, so length alone picks it; shorten it, or give the wrong options the same care and detail`,
    ),
  ];
}

/** Absolute words that appear only in wrong options, or in a statement that is false. */
export function absoluteWords(q: LintQuestion): Hint[] {
  if (q.type === "true-false") {
    const word = absoluteWord(q.prompt);
    if (!word || q.answer !== false) return [];
    return [
      hint(
        "absolute-words",
        [...q.path, "prompt"],
        `the statement says "${word}" and is false; sweeping statements are usually false, so learners can answer without knowing why. State the actual mistake, or make an absolute statement true`,
      ),
    ];
  }
  if (!isChoice(q)) return [];
  if (q.options.some((o) => o.correct && absoluteWord(o.text))) return [];
  const hints: Hint[] = [];
  q.options.forEach((o, i) => {
    const word = o.correct ? null : absoluteWord(o.text);
    if (!word) return;
    hints.push(
      hint(
        "absolute-words",
        [...q.path, "options", i, "text"],
        `"${word}" appears only in wrong options; learners rule out sweeping options without reading the lessons. Reword this option, or let a correct option be just as definite`,
      ),
    );
  });
  return hints;
}

const OF_THE_ABOVE =
  /\b(all|none|both|neither|any)\s+of\s+(the\s+)?(above|these|those)\b|\ball\s+the\s+above\b/i;

/** "All of the above" and its kin as an option. */
export function allNoneOfTheAbove(q: LintQuestion): Hint[] {
  if (!isChoice(q)) return [];
  const hints: Hint[] = [];
  q.options.forEach((o, i) => {
    const found = OF_THE_ABOVE.exec(o.text);
    if (!found) return;
    hints.push(
      hint(
        "all-none-of-the-above",
        [...q.path, "options", i, "text"],
        `${quote(found[0])} lets a learner answer from spotting two true options (or one false one) without judging the rest; write a real option instead`,
      ),
    );
  });
  return hints;
}

/** A multiple-choice question where all options but one are correct. */
export function oddOneOut(q: LintQuestion): Hint[] {
  if (q.type !== "multiple" || q.options.length < 3) return [];
  const wrong = q.options.filter((o) => !o.correct).length;
  if (wrong !== 1) return [];
  return [
    hint(
      "odd-one-out",
      [...q.path, "options"],
      `only one of ${q.options.length} options is wrong, so a learner who spots the odd one out ticks the rest without weighing them; give it at least two plausible wrong options`,
    ),
  ];
}
