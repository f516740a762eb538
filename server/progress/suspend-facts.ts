import { decodeSuspend } from "../scorm/suspend-codec.ts";

// Reads the facts the status rule needs from the bundle's suspend data, in any form the bundle
// has written (server/scorm/suspend-codec.ts). Returns null when the data is missing or from
// another format, so callers fall back to the stored CMI values.

export interface SuspendFacts {
  lessonsViewed: number;
  quizSubmitted: boolean;
}

export function factsFromSuspendData(text: string, lessonCount: number): SuspendFacts | null {
  const data = decodeSuspend(text);
  if (!data) return null;
  const viewed = [...data.l.slice(0, lessonCount)].filter((c) => c === "1").length;
  // p (the last result) is written from the first submit on, and stays through a retry.
  const submitted = data.q.s === 1 || data.q.p !== undefined;
  return { lessonsViewed: viewed, quizSubmitted: submitted };
}
