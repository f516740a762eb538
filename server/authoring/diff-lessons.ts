import { type ChangeObject, diffLines, diffWords, diffWordsWithSpace } from "diff";
import type { Lesson } from "../content/module-schema.ts";

// Comparing text costs time that grows with the product of its length and how much changed: two
// unrelated 99,000-character lessons took 52 s word by word. Here lines are compared first and
// words only inside the stretches that changed, every comparison shares one time budget, and
// what the budget or the size caps do not cover is shown as whole removed and added text.

/** Longest changed stretch, counted in words on both sides, that is compared word by word. */
export const DIFF_STRETCH_WORDS_MAX = 5_000;
/** Time all of one comparison's line and word diffs may take together. */
export const DIFF_BUDGET_MS = 1_000;
/** Most pieces one lesson's diff is shown in; beyond it, changed stretches are shown whole. */
export const DIFF_PARTS_MAX = 2_000;

export type LessonChange = "added" | "removed" | "changed" | "unchanged";

export interface DiffPart {
  value: string;
  added?: true;
  removed?: true;
}

export interface LessonDiff {
  id: string;
  title: string;
  status: LessonChange;
  /** Set when the lesson was retitled: its title in the older version. */
  previousTitle?: string;
  /** Set when the lesson's reading time changed: its minutes in the older version. */
  previousMinutes?: number;
  /** A word diff of the lesson's Markdown (all added / all removed for new / dropped lessons). */
  parts: DiffPart[];
  /** Set when some changed text was too long or too different to compare word by word. */
  coarse?: true;
}

/**
 * What changed in the lessons between two versions. Lessons are matched by id (which survives a
 * retitle) and shown in the newer version's order, removed ones after; the parts are a word diff
 * of the Markdown, which reads better than a line diff for prose.
 */
export function diffLessons(
  before: Lesson[],
  after: Lesson[],
  budgetMs = DIFF_BUDGET_MS,
  deadline = Date.now() + budgetMs,
): LessonDiff[] {
  const old = new Map(before.map((l) => [l.id, l]));
  const kept = new Set(after.map((l) => l.id));
  const rows = after.map((lesson): LessonDiff => {
    const was = old.get(lesson.id);
    if (!was) return row(lesson, "added", [{ value: lesson.markdown, added: true }]);
    const { parts, coarse } = diffText(was.markdown, lesson.markdown, deadline);
    const retitled = was.title !== lesson.title;
    const retimed = was.minutes !== lesson.minutes;
    const changed = retitled || retimed || parts.some((p) => p.added || p.removed);
    return {
      ...row(lesson, changed ? "changed" : "unchanged", parts),
      ...(retitled ? { previousTitle: was.title } : {}),
      ...(retimed ? { previousMinutes: was.minutes } : {}),
      ...(coarse ? { coarse: true as const } : {}),
    };
  });
  for (const lesson of before) {
    if (!kept.has(lesson.id)) {
      rows.push(row(lesson, "removed", [{ value: lesson.markdown, removed: true }]));
    }
  }
  return rows;
}

const row = (lesson: Lesson, status: LessonChange, parts: DiffPart[]): LessonDiff => ({
  id: lesson.id,
  title: lesson.title,
  status,
  parts,
});

export interface TextDiff {
  parts: DiffPart[];
  coarse: boolean;
}

/** A word diff of two texts within the shared deadline; `coarse` when shown as whole texts. */
export function diffText(before: string, after: string, deadline: number): TextDiff {
  if (before === after) return { parts: before ? [{ value: before }] : [], coarse: false };
  const whole = { parts: replaced(before, after), coarse: true };
  const lines = diffLines(before, after, { timeout: remaining(deadline) });
  if (!lines) return whole;
  const fine = wordsWithinChangedLines(lines, deadline);
  if (fine.parts.length <= DIFF_PARTS_MAX) return fine;
  const byLine = { parts: merge(lines.map(toPart)), coarse: true };
  return byLine.parts.length <= DIFF_PARTS_MAX ? byLine : whole;
}

/** Unchanged lines as they are; each removed-then-added stretch compared word by word. */
function wordsWithinChangedLines(lines: ChangeObject<string>[], deadline: number): TextDiff {
  const parts: DiffPart[] = [];
  let coarse = false;
  for (let i = 0; i < lines.length; i++) {
    const change = lines[i] as ChangeObject<string>;
    const next = lines[i + 1];
    if (change.removed && next?.added) {
      const words = compareWords(change.value, next.value, deadline);
      if (words) parts.push(...words);
      else {
        parts.push(...replaced(change.value, next.value));
        coarse = true;
      }
      i++;
    } else {
      parts.push(toPart(change));
    }
  }
  return { parts: merge(parts), coarse };
}

function compareWords(before: string, after: string, deadline: number): DiffPart[] | null {
  if (wordCount(before) + wordCount(after) > DIFF_STRETCH_WORDS_MAX) return null;
  for (const diff of [diffWords, diffWordsWithSpace]) {
    if (Date.now() >= deadline) return null;
    const parts = diff(before, after, { timeout: remaining(deadline) })?.map(toPart);
    // diffWords moves spaces between parts; on some stretches the older text it implies gains a
    // space ("meeting ." for "meeting."). Only a diff that rebuilds both texts exactly is shown;
    // diffWordsWithSpace keeps spaces as tokens of their own and is tried next.
    if (parts && rebuilds(parts, before, after)) return parts;
  }
  return null;
}

function rebuilds(parts: DiffPart[], before: string, after: string): boolean {
  const side = (skip: "added" | "removed") =>
    parts
      .filter((p) => !p[skip])
      .map((p) => p.value)
      .join("");
  return side("added") === before && side("removed") === after;
}

function toPart(c: ChangeObject<string>): DiffPart {
  return {
    value: c.value,
    ...(c.added ? { added: true as const } : {}),
    ...(c.removed ? { removed: true as const } : {}),
  };
}

function replaced(before: string, after: string): DiffPart[] {
  return [
    ...(before ? [{ value: before, removed: true as const }] : []),
    ...(after ? [{ value: after, added: true as const }] : []),
  ];
}

/** Joins neighbouring parts of the same kind, so the count reflects what a reader sees. */
function merge(parts: DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  for (const part of parts) {
    const last = out[out.length - 1];
    if (last && last.added === part.added && last.removed === part.removed) {
      last.value += part.value;
    } else {
      out.push({ ...part });
    }
  }
  return out;
}

// jsdiff treats a timeout of 0 as "no limit", so an exhausted budget still gets 1 ms.
const remaining = (deadline: number) => Math.max(1, deadline - Date.now());

function wordCount(text: string): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = text.charCodeAt(i) <= 32;
    if (!space && !inWord) count++;
    inWord = !space;
  }
  return count;
}
