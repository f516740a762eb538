import { decodeSuspend } from "../scorm/suspend-codec.ts";

// Reads the facts the status rule needs from the bundle's suspend data, in any form the bundle
// has written (server/scorm/suspend-codec.ts). Returns null when the data is missing or from
// another format, so callers fall back to the stored CMI values.

export interface SuspendFacts {
  lessonsViewed: number;
  /** The positions (0 = first lesson) of the lessons viewed. */
  viewedPositions: number[];
  quizSubmitted: boolean;
}

export function factsFromSuspendData(text: string, lessonCount: number): SuspendFacts | null {
  const data = decodeSuspend(text);
  if (!data) return null;
  const viewedPositions = [...data.l.slice(0, lessonCount)].flatMap((c, i) =>
    c === "1" ? [i] : [],
  );
  // p (the last result) is written from the first submit on, and stays through a retry.
  const submitted = data.q.s === 1 || data.q.p !== undefined;
  return { lessonsViewed: viewedPositions.length, viewedPositions, quizSubmitted: submitted };
}
