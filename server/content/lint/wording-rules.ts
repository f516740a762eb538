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
  /** Each lesson word as the id of the same word in the answer texts, or -1 (never shared). */
  ids: Int32Array;
  /** The lesson each word comes from (-1 between lessons, so no run crosses two). */
  lesson: Int32Array;
  /** Where each run of GRAM words that also occurs in an answer text starts, by its key. */
  starts: Map<number, number[]>;
}

/** Word ids of the answer texts, numbered from 0. */
type Vocabulary = Map<string, number>;

/**
 * A run of GRAM word ids hashed to one number, or -1 when it holds a word no answer text uses.
 * Two runs may share a hash; longestRun compares the words themselves.
 */
const gramKey = (ids: ArrayLike<number>, at: number) => {
  let key = 0;
  for (let k = 0; k < GRAM; k++) {
    const id = ids[at + k] as number;
    if (id < 0) return -1;
    key = (Math.imul(key, 0x9e3779b1) + id) >>> 0;
  }
  return key;
};

/**
 * Lesson words, with the starts of only those runs that also occur in an answer text. A module
 * may hold over a million characters of lessons and the editor lints on every change, so the
 * lessons are scanned once, as numbers.
 */
function indexLessons(
  lessons: LintLesson[],
  texts: number[][],
  vocabulary: Vocabulary,
): LessonWords {
  const wanted = new Set<number>();
  for (const t of texts) {
    for (let i = 0; i + GRAM <= t.length; i++) wanted.add(gramKey(t, i));
  }
  const ids: number[] = [];
  const lesson: number[] = [];
  lessons.forEach((l, i) => {
    for (const w of words(markdownText(l.markdown))) {
      ids.push(vocabulary.get(w) ?? -1);
      lesson.push(i);
    }
    ids.push(-1);
    lesson.push(-1);
  });
  const starts = new Map<number, number[]>();
  for (let i = 0; i + GRAM <= ids.length; i++) {
    const key = gramKey(ids, i);
    if (key < 0 || !wanted.has(key)) continue;
    const list = starts.get(key);
    if (list) list.push(i);
    else starts.set(key, [i]);
  }
  return { ids: Int32Array.from(ids), lesson: Int32Array.from(lesson), starts };
}

interface Run {
  from: number;
  length: number;
  lesson: number;
}

/** The longest run of words `text` (as word ids) shares with any lesson, or null. */
function longestRun(text: number[], index: LessonWords): Run | null {
  let best: Run | null = null;
  for (let i = 0; i + GRAM <= text.length; i++) {
    const at = index.starts.get(gramKey(text, i));
    if (!at) continue;
    for (const p of at) {
      let n = 0;
      while (i + n < text.length && index.ids[p + n] === text[i + n]) n++;
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
  const texts = [...answerTexts(m)].map(([text, path]) => ({ w: words(text), path }));
  const vocabulary: Vocabulary = new Map();
  const idOf = (word: string) => {
    const known = vocabulary.get(word);
    if (known !== undefined) return known;
    vocabulary.set(word, vocabulary.size);
    return vocabulary.size - 1;
  };
  const textIds = texts.map((t) => t.w.map(idOf));
  const index = indexLessons(m.lessons, textIds, vocabulary);
  const hints: Hint[] = [];
  for (const [t, { w, path }] of texts.entries()) {
    const run = longestRun(textIds[t] as number[], index);
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
