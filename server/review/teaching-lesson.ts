import type { ModuleContent } from "../content/module-schema.ts";
import type { GradedQuestion } from "./grade-answer.ts";

// The module schema says which lesson a knowledge check belongs to, but not which lesson teaches a
// quiz question. The review links a missed quiz question to the lesson whose text shares the most
// distinctive words with the question, its answers and their feedback: words found in every lesson
// count for nothing, words found in one lesson count most. No shared word: no lesson (the review
// then links to the module page).

const STOP = new Set(
  "about above after again against also because been before being below between both could does doing down during each every from further have having here into itself just more most much must only other over same should some such than that their them then there these they this those through under until very what when where which while whom will with would your yours".split(
    " ",
  ),
);

function words(text: string): string[] {
  return (text.toLowerCase().match(/[a-z]+/g) ?? []).filter((w) => w.length >= 4 && !STOP.has(w));
}

function questionText(q: GradedQuestion): string {
  const parts: string[] = [q.prompt];
  if (q.type === "scenario") parts.push(q.situation);
  if (q.type === "single" || q.type === "multiple" || q.type === "scenario")
    for (const o of q.options) parts.push(o.text, o.feedback);
  if (q.type === "true-false") parts.push(q.feedback.true, q.feedback.false);
  if (q.type === "ordering") for (const i of q.items) parts.push(i.text, i.feedback);
  if (q.type === "matching") for (const p of q.pairs) parts.push(p.left, p.right, p.feedback);
  return parts.join(" ");
}

export type TeachingLessons = Map<string, number | null>;

/** For each graded quiz question id, the index of the lesson that teaches it (or null). */
export function teachingLessons(content: ModuleContent): TeachingLessons {
  const lessonWords = content.lessons.map((l) => {
    const counts = new Map<string, number>();
    const text = [l.title, l.title, l.title, l.markdown, ...l.checks.map((c) => c.prompt)].join(
      " ",
    );
    for (const w of words(text)) counts.set(w, (counts.get(w) ?? 0) + 1);
    return counts;
  });
  const lessonCount = lessonWords.length;
  const idf = (w: string) => {
    const df = lessonWords.filter((c) => c.has(w)).length;
    return df === 0 ? 0 : Math.log(lessonCount / df);
  };
  const result: TeachingLessons = new Map();
  for (const q of content.quiz) {
    if (q.type === "likert") continue;
    const asked = new Set(words(questionText(q)));
    let best: number | null = null;
    let bestScore = 0;
    lessonWords.forEach((counts, index) => {
      let score = 0;
      for (const w of asked) {
        const n = counts.get(w);
        if (n) score += idf(w) * Math.log(1 + n);
      }
      if (score > bestScore) {
        bestScore = score;
        best = index;
      }
    });
    result.set(q.id, best);
  }
  return result;
}
