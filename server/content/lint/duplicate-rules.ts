// Two questions that ask the same thing reward the answer twice (or teach it from the first) and
// leave another idea untested.
import { type Hint, hint } from "./hint.ts";
import { type LintQuestion, nameOf } from "./read-module.ts";
import { contentStems, overlap, stem } from "./text.ts";

/** Words every question uses ("Put these steps in order", "Choose all that apply"). */
const SCAFFOLD = new Set(
  (
    "step order sensible choose apply best course suggest match following option question " +
    "true false lesson most helpful first these those which something someone"
  )
    .split(" ")
    .map(stem),
);

/** Answers this alike are the same answer… */
export const SAME_ANSWER = 0.4;
/** …and so are answers this alike to questions asked this alike… */
const NEAR_ANSWER = 0.25;
const SAME_STEM = 0.5;
/** …as long as they share this many meaningful words (two short answers share two by chance). */
const SHARED_WORDS = 3;

interface Gist {
  stem: Set<string>;
  answer: Set<string>;
}

const meaningful = (text: string) =>
  new Set([...contentStems(text)].filter((w) => !SCAFFOLD.has(w)));

/** What a question asks and what its answer says, as sets of word stems. */
function gist(q: LintQuestion): Gist | null {
  let answer: string;
  switch (q.type) {
    case "single":
    case "scenario":
    case "multiple":
      answer = q.options
        .filter((o) => o.correct)
        .map((o) => o.text)
        .join(" ");
      break;
    case "true-false":
      answer = q.prompt;
      break;
    case "ordering":
      answer = q.items.map((i) => i.text).join(" ");
      break;
    case "matching":
      answer = q.pairs.map((p) => `${p.left} ${p.right}`).join(" ");
      break;
    default:
      return null;
  }
  // Names in "What should Rahel do?" say nothing about what is tested.
  const stemText = q.prompt.replace(/\b\p{Lu}\p{Ll}+(?:'s)?\b/gu, (w, at: number) =>
    at === 0 ? w : "",
  );
  return { stem: meaningful(stemText), answer: meaningful(answer) };
}

function alike(a: Gist | null, b: Gist): boolean {
  if (!a) return false;
  let shared = 0;
  for (const w of a.answer) if (b.answer.has(w)) shared++;
  if (shared < SHARED_WORDS) return false;
  const answers = overlap(a.answer, b.answer);
  return answers >= SAME_ANSWER || (answers >= NEAR_ANSWER && overlap(a.stem, b.stem) >= SAME_STEM);
}

const report = (q: LintQuestion, twin: LintQuestion, where: string): Hint =>
  hint(
    "duplicate-question",
    [...q.path, "prompt"],
    `asks much the same as ${nameOf(twin)}${where ? ` in ${where}` : ""} (similar question and answer); the second one rewards remembering the first rather than understanding, so test another idea or another way of using this one`,
  );

/** Each question that asks much the same as one before it in the same module. */
export function duplicatesWithin(questions: LintQuestion[]): Hint[] {
  const gists = questions.map(gist);
  const hints: Hint[] = [];
  questions.forEach((q, i) => {
    const g = gists[i];
    if (!g) return;
    const twin = questions.findIndex((_, j) => j < i && alike(gists[j] ?? null, g));
    if (twin >= 0) hints.push(report(q, questions[twin] as LintQuestion, ""));
  });
  return hints;
}

/**
 * Each question of `later` that asks much the same as one of `earlier`, another module's
 * questions; `where` names that module in the message.
 */
export function duplicatesAcross(
  later: LintQuestion[],
  earlier: LintQuestion[],
  where: string,
): Hint[] {
  const before = earlier.map((q) => ({ q, g: gist(q) }));
  return later.flatMap((q) => {
    const g = gist(q);
    const twin = g && before.find((b) => alike(b.g, g));
    return twin ? [report(q, twin.q, where)] : [];
  });
}
