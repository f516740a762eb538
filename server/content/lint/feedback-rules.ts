// Feedback is where a knowledge check teaches: a learner who got it wrong learns why here.
import { type Hint, hint } from "./hint.ts";
import type { LintQuestion, Path } from "./read-module.ts";
import { words } from "./text.ts";

/** Opening words that only judge the answer. */
const VERDICT =
  /^\s*(?:(?:that's|that is|you are|you're)\s+)?(?:correct|incorrect|right|wrong|yes|no|not quite|not so|exactly|well done|good|great|true|false|best choice|nope|indeed)\b[\s.!,:;-]*/i;

/** Fewer words than this after the verdict is not an explanation. */
const EXPLAINS = 3;

function thin(text: string, path: Path, what: string): Hint[] {
  if (text.trim() === "") {
    return [
      hint("thin-feedback", path, `${what} has no feedback; say why this answer is right or wrong`),
    ];
  }
  const rest = words(text.replace(VERDICT, ""));
  if (rest.length >= EXPLAINS) return [];
  return [
    hint(
      "thin-feedback",
      path,
      `the feedback on ${what} only says whether it is right; add a sentence on why, so a learner who chose it learns something`,
    ),
  ];
}

/** Missing or one-word feedback on any option, statement, step or pair. */
export function thinFeedback(q: LintQuestion): Hint[] {
  const hints: Hint[] = [];
  q.options.forEach((o, i) => {
    hints.push(...thin(o.feedback, [...q.path, "options", i, "feedback"], `option ${i + 1}`));
  });
  if (q.verdicts) {
    hints.push(...thin(q.verdicts.true, [...q.path, "feedback", "true"], `the answer "true"`));
    hints.push(...thin(q.verdicts.false, [...q.path, "feedback", "false"], `the answer "false"`));
  }
  q.items.forEach((item, i) => {
    hints.push(...thin(item.feedback, [...q.path, "items", i, "feedback"], `step ${i + 1}`));
  });
  q.pairs.forEach((pair, i) => {
    hints.push(...thin(pair.feedback, [...q.path, "pairs", i, "feedback"], `pair ${i + 1}`));
  });
  return hints;
}
