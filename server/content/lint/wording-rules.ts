// Options and stems copied from a lesson test whether the learner recognises a sentence, not
// whether they understood it.
import { type Hint, hint } from "./hint.ts";
import type { LintLesson, LintModule, Path } from "./read-module.ts";
import { markdownText, quote, words } from "./text.ts";

/** Shared runs are found from matches of this many words. */
const GRAM = 4;
/** A run of this many words shared with a lesson is copied wording… */
export const COPIED_RUN = 8;
/** …and so is a whole text of at least this many words found in a lesson. */
const COPIED_WHOLE = 5;

interface LessonWords {
  words: string[];
  /** The lesson each word comes from (-1 between lessons, so no run crosses two). */
  lesson: number[];
  starts: Map<string, number[]>;
}

function indexLessons(lessons: LintLesson[]): LessonWords {
  const all: string[] = [];
  const lesson: number[] = [];
  lessons.forEach((l, i) => {
    for (const w of words(markdownText(l.markdown))) {
      all.push(w);
      lesson.push(i);
    }
    all.push("");
    lesson.push(-1);
  });
  const starts = new Map<string, number[]>();
  for (let i = 0; i + GRAM <= all.length; i++) {
    const gram = all.slice(i, i + GRAM);
    if (gram.includes("")) continue;
    const key = gram.join(" ");
    const list = starts.get(key);
    if (list) list.push(i);
    else starts.set(key, [i]);
  }
  return { words: all, lesson, starts };
}

interface Run {
  from: number;
  length: number;
  lesson: number;
}

/** The longest run of words `text` shares with any lesson, or null. */
function longestRun(text: string[], index: LessonWords): Run | null {
  let best: Run | null = null;
  for (let i = 0; i + GRAM <= text.length; i++) {
    const at = index.starts.get(text.slice(i, i + GRAM).join(" "));
    if (!at) continue;
    for (const p of at) {
      let n = GRAM;
      while (i + n < text.length && index.words[p + n] === text[i + n]) n++;
      if (!best || n > best.length) best = { from: i, length: n, lesson: index.lesson[p] ?? 0 };
    }
  }
  return best;
}

/** Every text a learner reads to answer: stems, situations, options, steps and pairs. */
function* answerTexts(m: LintModule): Generator<[string, Path]> {
  for (const q of m.questions) {
    if (q.type === "likert") continue;
    yield [q.prompt, [...q.path, "prompt"]];
    if (q.situation) yield [q.situation, [...q.path, "situation"]];
    for (const [i, o] of q.options.entries()) yield [o.text, [...q.path, "options", i, "text"]];
    for (const [i, s] of q.items.entries()) yield [s.text, [...q.path, "items", i, "text"]];
    for (const [i, p] of q.pairs.entries()) {
      yield [p.left, [...q.path, "pairs", i, "left"]];
      yield [p.right, [...q.path, "pairs", i, "right"]];
    }
  }
}

/** Stems and options that repeat a lesson's sentence word for word. */
export function lessonWording(m: LintModule): Hint[] {
  if (m.lessons.length === 0) return [];
  const index = indexLessons(m.lessons);
  const hints: Hint[] = [];
  for (const [text, path] of answerTexts(m)) {
    const w = words(text);
    const run = longestRun(w, index);
    if (!run) continue;
    const whole = run.length === w.length && w.length >= COPIED_WHOLE;
    if (run.length < COPIED_RUN && !whole) continue;
    const lesson = m.lessons[run.lesson];
    const shared = w.slice(run.from, run.from + run.length).join(" ");
    hints.push(
      hint(
        "lesson-wording",
        path,
        `${whole ? "is" : "repeats"} a sentence of lesson ${run.lesson + 1}${lesson?.title ? ` (${quote(lesson.title, 40)})` : ""} word for word: ${quote(shared, 80)}; a learner can answer by recognising the wording without understanding it, so say it in new words`,
      ),
    );
  }
  return hints;
}
