// Reads the facts the status rule needs from the bundle's suspend data (format written by
// public/sco/src/suspend-data.ts: {"v":1,"l":"1101",…,"q":{"s":1,"n":2,"p":0}}). Returns null when
// the data is missing or from another format, so callers fall back to the stored CMI values.

export interface SuspendFacts {
  lessonsViewed: number;
  /** The positions (0 = first lesson) of the lessons viewed. */
  viewedPositions: number[];
  quizSubmitted: boolean;
}

export function factsFromSuspendData(text: string, lessonCount: number): SuspendFacts | null {
  if (!text) return null;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  if (!data || typeof data !== "object" || (data as { v?: unknown }).v !== 1) return null;
  const { l, q } = data as { l?: unknown; q?: { s?: unknown; p?: unknown } };
  const digits = typeof l === "string" ? [...l.slice(0, lessonCount)] : [];
  const viewedPositions = digits.flatMap((c, i) => (c === "1" ? [i] : []));
  // p (the last result) is written from the first submit on, and stays through a retry.
  const submitted = !!q && typeof q === "object" && (q.s === 1 || q.p === 0 || q.p === 1);
  return { lessonsViewed: viewedPositions.length, viewedPositions, quizSubmitted: submitted };
}
