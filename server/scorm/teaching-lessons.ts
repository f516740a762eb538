import type { ModuleContent, Question } from "../content/module-schema.ts";

// The end screen links each missed quiz question to the lesson that teaches it. Modules do not
// name that lesson, so it is inferred when the bundle is rendered: the lesson whose words (its
// title counts double, its knowledge checks count too) share the most distinctive words with the
// question's prompt, options and feedback. Deterministic, so bundles stay byte-identical.

const STOP = new Set(
  (
    "a about after again all also an and any are as at be because been before being but by can " +
    "could did do does doing done for from get gets had has have he her his how i if in into is " +
    "it its just like may me more most my no not now of on one only or other our out over same " +
    "say says she should so some than that the their them then there these they this those to " +
    "too up us very was way we were what when which while who why will with would you your"
  ).split(" "),
);

function words(text: string): string[] {
  return (text.toLowerCase().match(/[a-z][a-z']{2,}/g) ?? [])
    .map((w) => w.replace(/'s$/, "").replace(/(ing|ed|es|s)$/, ""))
    .filter((w) => w.length > 2 && !STOP.has(w));
}

function questionText(q: Question): string {
  const parts: string[] = [q.prompt];
  if ("situation" in q) parts.push(q.situation);
  if ("options" in q) for (const o of q.options) parts.push(o.text, o.feedback);
  if (q.type === "true-false") parts.push(q.feedback.true, q.feedback.false);
  if (q.type === "ordering") for (const i of q.items) parts.push(i.text, i.feedback);
  if (q.type === "matching") for (const p of q.pairs) parts.push(p.left, p.right, p.feedback);
  if (q.type === "likert") for (const s of q.statements) parts.push(s.text);
  return parts.join(" ");
}

/** Quiz question id → id of the lesson that teaches it (every graded question gets one). */
export function teachingLessons(content: ModuleContent): Record<string, string> {
  const lessonWords = content.lessons.map((l) => {
    const counts = new Map<string, number>();
    const add = (text: string, weight: number) => {
      for (const w of words(text)) counts.set(w, (counts.get(w) ?? 0) + weight);
    };
    add(l.title, 2);
    add(l.markdown, 1);
    for (const q of l.checks) add(questionText(q), 1);
    return counts;
  });
  // A word found in every lesson says nothing about which one teaches a question.
  const spread = new Map<string, number>();
  for (const counts of lessonWords)
    for (const w of counts.keys()) spread.set(w, (spread.get(w) ?? 0) + 1);
  const result: Record<string, string> = {};
  for (const q of content.quiz) {
    if (q.type === "likert") continue;
    const asked = new Set(words(questionText(q)));
    let best = 0;
    let bestScore = -1;
    lessonWords.forEach((counts, index) => {
      let score = 0;
      for (const w of asked) {
        const n = counts.get(w);
        if (n)
          score += Math.log(1 + n) * Math.log(1 + content.lessons.length / (spread.get(w) ?? 1));
      }
      if (score > bestScore) {
        bestScore = score;
        best = index;
      }
    });
    const lesson = content.lessons[best];
    if (lesson) result[q.id] = lesson.id;
  }
  return result;
}
