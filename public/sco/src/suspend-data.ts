import { content } from "./content.ts";
import type { Edition } from "./lms-api.ts";
import { state } from "./state.ts";

/** How much cmi.suspend_data each edition guarantees to keep. */
export const SUSPEND_LIMIT: Record<Edition, number> = { 2004: 64000, 12: 4096 };
export const REFLECTION_MAX = 2000;

/**
 * Suspend data, compact JSON:
 * {"v":1,"l":"1101","a":{"<questionId>":"<answer>"},"q":{"s":1,"n":2,"p":0},"r":{"<id>":"text"}}
 * l = lessons viewed (one digit per lesson), a = checked knowledge-check answers and current quiz
 * answers, q = quiz submitted/attempts/last result (p omitted before the first submit),
 * r = reflections (omitted when empty).
 */
interface SuspendData {
  v: 1;
  l: string;
  a: Record<string, string>;
  q: { s: 0 | 1; n: number; p?: 0 | 1 };
  r?: Record<string, string>;
}

function suspendObject(reflections: Record<string, string>): SuspendData {
  const quiz: SuspendData["q"] = { s: state.quizSubmitted ? 1 : 0, n: state.quizAttempts };
  if (state.quizPassed !== null) quiz.p = state.quizPassed ? 1 : 0;
  const data: SuspendData = {
    v: 1,
    l: state.viewed.map((v) => (v ? "1" : "0")).join(""),
    a: state.answers,
    q: quiz,
  };
  if (Object.keys(reflections).length) data.r = reflections;
  return data;
}

function capReflections(cap: number): Record<string, string> {
  const capped: Record<string, string> = {};
  for (const [id, text] of Object.entries(state.reflections)) {
    if (text) capped[id] = text.slice(0, cap).replace(/[\uD800-\uDBFF]$/, "");
  }
  return capped;
}

/** Serialises within the LMS's limit; reflections give way first, practice answers next. */
export function serializeSuspend(limit: number): { json: string; trimmed: boolean } {
  const full = JSON.stringify(suspendObject(capReflections(REFLECTION_MAX)));
  if (full.length <= limit) return { json: full, trimmed: false };
  let low = 0;
  let high = REFLECTION_MAX;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (JSON.stringify(suspendObject(capReflections(mid))).length <= limit) low = mid;
    else high = mid - 1;
  }
  const capped = JSON.stringify(suspendObject(low > 0 ? capReflections(low) : {}));
  if (capped.length <= limit) return { json: capped, trimmed: true };
  // Practice answers go last; the quiz alone (30 short answers at most) always fits.
  const saved = state.answers;
  state.answers = {};
  for (const q of content.quiz) if (saved[q.id]) state.answers[q.id] = saved[q.id] as string;
  const lean = JSON.stringify(suspendObject({}));
  state.answers = saved;
  return { json: lean, trimmed: true };
}

/** Suspend data as read back: anything at all, until checked. */
interface StoredSuspend {
  v?: unknown;
  l?: unknown;
  a?: unknown;
  q?: unknown;
  r?: unknown;
}

export function restoreSuspend(text: string): void {
  let data: StoredSuspend | null;
  try {
    data = JSON.parse(text);
  } catch {
    return;
  }
  if (data?.v !== 1) return;
  const viewed = data.l;
  if (typeof viewed === "string") state.viewed = state.viewed.map((_, i) => viewed[i] === "1");
  copyStrings(data.a, state.answers);
  if (data.q && typeof data.q === "object") {
    const quiz = data.q as { s?: unknown; n?: unknown; p?: unknown };
    state.quizSubmitted = quiz.s === 1;
    state.quizAttempts = Number.isInteger(quiz.n) ? (quiz.n as number) : 0;
    state.quizPassed = quiz.p === 1 ? true : quiz.p === 0 ? false : null;
  }
  copyStrings(data.r, state.reflections);
}

function copyStrings(from: unknown, to: Record<string, string>): void {
  for (const [key, value] of Object.entries((from ?? {}) as object)) {
    if (typeof value === "string") to[key] = value;
  }
}
