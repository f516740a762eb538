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

/**
 * The longest compressed suspend data the server decompresses. LZ output can grow with the square
 * of its input, so a crafted 64,000-character commit could make hundreds of millions of
 * characters on the event loop; this many characters make at most a few million. The SCO only
 * compresses what would not fit plainly (4,096 in SCORM 1.2, which never reaches this server;
 * 64,000 in 2004), so longer compressed data falls back to the stored CMI values.
 */
export const MAX_COMPRESSED_FACTS = 4200;

export function factsFromSuspendData(text: string, lessonCount: number): SuspendFacts | null {
  if (text.startsWith("Z:") && text.length > MAX_COMPRESSED_FACTS) return null;
  const data = decodeSuspend(text);
  if (!data) return null;
  const viewedPositions = [...data.l.slice(0, lessonCount)].flatMap((c, i) =>
    c === "1" ? [i] : [],
  );
  // p (the last result) is written from the first submit on, and stays through a retry.
  const submitted = data.q.s === 1 || data.q.p !== undefined;
  return { lessonsViewed: viewedPositions.length, viewedPositions, quizSubmitted: submitted };
}
