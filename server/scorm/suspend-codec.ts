import lz from "lz-string";

// The SCO's suspend data, as stored in an LMS: encoding, decoding and fitting it to the LMS's
// limit. The bundle (public/sco/src/suspend-data.ts) and the server (progress/suspend-facts.ts)
// both use these functions, so what one writes the other reads.
//
// Every string this writes is ASCII, so its length in UTF-8 bytes equals its length in
// characters: SCORM 1.2 promises 4,096 characters, and LMSes that keep suspend data in a byte-sized
// column would otherwise cut non-Latin text mid-way and leave JSON that no longer parses.
//   plain:      the JSON itself, every non-ASCII character written as \uXXXX (still plain JSON,
//               so attempts stored before this encoding read the same way)
//   compressed: "Z:" followed by lz-string's base64 of the JSON, used only when plain does not fit

/** What each edition guarantees to keep, in characters (and so, for ASCII, in bytes). */
export const SUSPEND_LIMITS = { 2004: 64000, 12: 4096 } as const;
/** A reflection is never kept longer than this, whatever the edition. */
export const REFLECTION_MAX = 2000;

const COMPRESSED = "Z:";

/**
 * {"v":1,"l":"1101","a":{"<questionId>":"<answer>"},"q":{"s":1,"n":2,"p":0},"r":{"<id>":"text"},"t":["<id>"]}
 * l = lessons viewed (one digit per lesson), a = knowledge-check answers and current quiz answers,
 * q = quiz submitted/attempts/last result (p omitted before the first submit), r = reflections
 * (omitted when empty), t = reflections stored shortened to fit the LMS (omitted when none).
 */
export interface SuspendData {
  v: 1;
  l: string;
  a: Record<string, string>;
  q: { s: 0 | 1; n: number; p?: 0 | 1 };
  r?: Record<string, string>;
  t?: string[];
}

/** JSON with every character outside printable ASCII escaped, so characters = bytes. */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[^\x20-\x7e]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** The shortest of the two forms; compression is tried only when the plain form exceeds limit. */
export function encodeSuspend(data: SuspendData, limit: number = SUSPEND_LIMITS[2004]): string {
  const plain = asciiJson(data);
  if (plain.length <= limit) return plain;
  const packed = COMPRESSED + lz.compressToBase64(JSON.stringify(data));
  return packed.length < plain.length ? packed : plain;
}

/** Reads either form (and the plain JSON of older bundles); null for anything else. */
export function decodeSuspend(text: string): SuspendData | null {
  if (!text) return null;
  let json: string | null = text;
  if (text.startsWith(COMPRESSED)) {
    try {
      json = lz.decompressFromBase64(text.slice(COMPRESSED.length));
    } catch {
      json = null;
    }
  }
  if (!json) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return null;
  }
  return checked(raw);
}

/** Keeps only well-formed fields, so no stored value can break the runtime that reads it. */
function checked(raw: unknown): SuspendData | null {
  if (!raw || typeof raw !== "object" || (raw as { v?: unknown }).v !== 1) return null;
  const { l, a, q, r, t } = raw as Record<string, unknown>;
  const data: SuspendData = { v: 1, l: typeof l === "string" ? l : "", a: strings(a), q: quiz(q) };
  if (r && typeof r === "object") data.r = strings(r);
  if (Array.isArray(t)) data.t = t.filter((id): id is string => typeof id === "string");
  return data;
}

function strings(from: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!from || typeof from !== "object" || Array.isArray(from)) return out;
  for (const [key, value] of Object.entries(from)) if (typeof value === "string") out[key] = value;
  return out;
}

function quiz(from: unknown): SuspendData["q"] {
  const q = (from && typeof from === "object" ? from : {}) as Record<string, unknown>;
  const out: SuspendData["q"] = {
    s: q.s === 1 ? 1 : 0,
    n: Number.isSafeInteger(q.n) && (q.n as number) >= 0 ? (q.n as number) : 0,
  };
  if (q.p === 0 || q.p === 1) out.p = q.p;
  return out;
}

/** What fitting did to make the data fit. */
export interface Fitted {
  text: string;
  /** Ids of reflections this save cut short (also listed in the data's t). */
  shortened: string[];
  /** Knowledge-check answers were left out: even without reflections the data did not fit. */
  practiceDropped: boolean;
}

/** Cuts text to at most max UTF-16 units without splitting a surrogate pair. */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  return text.slice(0, max).replace(/[\uD800-\uDBFF]$/, "");
}

function withCap(data: SuspendData, cap: number): { data: SuspendData; cut: string[] } {
  const cut: string[] = [];
  const r: Record<string, string> = {};
  for (const [id, text] of Object.entries(data.r ?? {})) {
    if (!text) continue;
    const kept = cutText(text, cap);
    if (kept.length < text.length) cut.push(id);
    if (kept) r[id] = kept;
  }
  const marks = [...new Set([...(data.t ?? []), ...cut])].filter(
    (id) => id in r || cut.includes(id),
  );
  const out: SuspendData = { v: 1, l: data.l, a: data.a, q: data.q };
  if (Object.keys(r).length) out.r = r;
  if (marks.length) out.t = marks.sort();
  return { data: out, cut };
}

/**
 * Encodes data within limit characters. Reflections (already at most REFLECTION_MAX) give way
 * first, the longest first: all are capped at the largest length that fits, so shorter ones keep
 * their whole text. Knowledge-check answers go only if even no reflections would not fit; the quiz
 * answers alone (30 short answers at most) always fit 4,096.
 */
export function fitSuspend(
  data: SuspendData,
  limit: number,
  quizIds: readonly string[] = [],
): Fitted {
  const longest = Math.max(0, ...Object.values(data.r ?? {}).map((text) => text.length));
  const full = withCap(data, Math.min(longest, REFLECTION_MAX));
  const text = encodeSuspend(full.data, limit);
  if (text.length <= limit) return { text, shortened: full.cut, practiceDropped: false };
  // The largest cap that fits. Compressed size is not strictly monotonic in the cap, so the
  // search may settle a few characters short of the true best; the result always fits.
  let low = 0;
  let high = Math.min(longest, REFLECTION_MAX);
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (encodeSuspend(withCap(data, mid).data, limit).length <= limit) low = mid;
    else high = mid - 1;
  }
  const capped = withCap(data, low);
  const cappedText = encodeSuspend(capped.data, limit);
  if (cappedText.length <= limit) {
    return { text: cappedText, shortened: capped.cut, practiceDropped: false };
  }
  const a: Record<string, string> = {};
  for (const id of quizIds) if (data.a[id] !== undefined) a[id] = data.a[id] as string;
  const lean = withCap({ ...data, a }, 0);
  return { text: encodeSuspend(lean.data, limit), shortened: lean.cut, practiceDropped: true };
}
