import { readBookmark } from "../scorm/bookmark.ts";
import type { Increments } from "./result-counts.ts";
import { factsFromSuspendData } from "./suspend-facts.ts";

// How far a learner's first attempt got, step by step: started (any commit), each lesson viewed
// (by position), the quiz reached (its page opened) and submitted, and passed. Each commit sets
// the steps it shows as flags on the attempt with $max, so a step once reached stays reached
// (the bookmark moves on from the quiz page; the flag does not), and the module rollup counts a
// step the first time a first attempt reaches it.

/** Lesson positions counted; the schema allows fewer lessons than this. */
export const FUNNEL_LESSONS = 30;

export type FunnelFlags = Record<string, 1>;

interface CommitFacts {
  location?: string;
  suspendData?: string;
  /** Completed: for a module with a final quiz, the status rule's "quiz submitted". */
  completed: boolean;
  passed: boolean;
}

/** Flags this commit shows: keys "s", "l0" … "l29", "q" (quiz reached), "d" (submitted), "p". */
export function funnelFlags(c: CommitFacts): FunnelFlags {
  const flags: FunnelFlags = { s: 1 };
  const facts = c.suspendData ? factsFromSuspendData(c.suspendData, FUNNEL_LESSONS) : null;
  for (const i of facts?.viewedPositions ?? []) flags[`l${i}`] = 1;
  // The place names the page, and on the quiz page which question ("quiz:q5").
  if (c.location && readBookmark(c.location).page === "quiz") flags.q = 1;
  if (facts?.quizSubmitted || c.completed) flags.q = flags.d = 1;
  if (c.passed) flags.p = flags.d = flags.q = 1;
  return flags;
}

/** The $max that stores the flags on the attempt. */
export function funnelMax(flags: FunnelFlags): Record<string, 1> {
  return Object.fromEntries(Object.keys(flags).map((k) => [`funnel.${k}`, 1]));
}

/** The flags back from an update's $max (what funnelMax put there). */
export function flagsFromMax(max: Record<string, unknown>): FunnelFlags {
  const flags: FunnelFlags = {};
  for (const key of Object.keys(max)) if (key.startsWith("funnel.")) flags[key.slice(7)] = 1;
  return flags;
}

/** What the module rollup adds: the steps in `after` that `before` did not have (first attempts). */
export function funnelIncrements(
  attemptNumber: number,
  before: Record<string, unknown> | null | undefined,
  after: FunnelFlags,
): Increments {
  if (attemptNumber !== 1) return {};
  const inc: Increments = {};
  for (const step of Object.keys(after)) if (before?.[step] !== 1) inc[`funnel.${step}`] = 1;
  return inc;
}
