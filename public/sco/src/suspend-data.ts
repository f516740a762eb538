import {
  decodeSuspend,
  fitSuspend,
  REFLECTION_MAX,
  SUSPEND_LIMITS,
  type SuspendData,
} from "../../../server/scorm/suspend-codec.ts";
import { content } from "./content.ts";
import type { Edition } from "./lms-api.ts";
import { session, state } from "./state.ts";

// The learner's state as suspend data. The format, its ASCII-only encoding, compression and the
// fitting to an edition's limit are the shared codec's (server/scorm/suspend-codec.ts).

export { REFLECTION_MAX };
export const SUSPEND_LIMIT: Record<Edition, number> = SUSPEND_LIMITS;

/** Text of reflections as last stored, to tell whether a shortened one has been edited since. */
const stored: Record<string, string> = {};

function suspendObject(): SuspendData {
  const quiz: SuspendData["q"] = { s: state.quizSubmitted ? 1 : 0, n: state.quizAttempts };
  if (state.quizPassed !== null) quiz.p = state.quizPassed ? 1 : 0;
  const data: SuspendData = {
    v: 1,
    l: state.viewed.map((v) => (v ? "1" : "0")).join(""),
    a: state.answers,
    q: quiz,
  };
  const reflections = Object.entries(state.reflections).filter(([, text]) => text);
  if (reflections.length) data.r = Object.fromEntries(reflections);
  // A reflection stays marked as shortened until the learner changes what was kept of it.
  const marks = session.shortened.filter((id) => state.reflections[id] === stored[id]);
  if (marks.length) data.t = marks;
  return data;
}

/** The suspend string for an LMS that keeps limit characters; notes what had to give way. */
export function serializeSuspend(limit: number): string {
  const fitted = fitSuspend(
    suspendObject(),
    limit,
    content.quiz.map((q) => q.id),
  );
  const kept = decodeSuspend(fitted.text);
  for (const key of Object.keys(stored)) delete stored[key];
  Object.assign(stored, kept?.r ?? {});
  session.shortened = kept?.t ?? [];
  session.practiceDropped = fitted.practiceDropped;
  return fitted.text;
}

/** Restores state from what the LMS kept; false when something was kept but cannot be read. */
export function restoreSuspend(text: string): boolean {
  if (!text) return true;
  const data = decodeSuspend(text);
  if (!data) return false;
  state.viewed = state.viewed.map((_, i) => data.l[i] === "1");
  Object.assign(state.answers, data.a);
  state.quizSubmitted = data.q.s === 1;
  state.quizAttempts = data.q.n;
  state.quizPassed = data.q.p === 1 ? true : data.q.p === 0 ? false : null;
  Object.assign(state.reflections, data.r ?? {});
  Object.assign(stored, data.r ?? {});
  session.shortened = data.t ?? [];
  return true;
}
