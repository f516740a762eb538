// How one quiz question performs, from the `first.` sums of its rollup (see
// server/progress/first-attempt-counts.ts): learners' first attempts, first answers only.

/** A figure resting on fewer learners than this is not shown: too few to mean anything, and
 * with two or three learners a share can tell who answered what. */
export const MIN_LEARNERS = 5;
/** Facility above this: nearly everyone gets it, so it tells learners apart little. */
export const TOO_EASY = 0.9;
/** Facility below this: most miss it; the question or the lesson may be unclear. */
export const TOO_HARD = 0.3;

export type ItemFlag = "too-easy" | "too-hard" | "negative-discrimination";

export const FLAG_TEXT: Record<ItemFlag, string> = {
  "too-easy": "Too easy",
  "too-hard": "Too hard",
  "negative-discrimination": "Strong learners miss it more",
};

export interface FirstAttemptSums {
  n?: number;
  right?: number;
  options?: Record<string, number>;
  m?: number;
  mx?: number;
  r?: number;
  rr?: number;
  xr?: number;
}

export interface ItemAnalysis {
  /** Learners whose first attempt answered it: what facility and option counts rest on. */
  learners: number;
  /** Share right at the first answer, 0–1; null under MIN_LEARNERS. */
  facility: number | null;
  /** Learners who also answered another quiz question: what discrimination rests on. */
  discriminationLearners: number;
  /** Item-rest point-biserial correlation, -1–1; null under MIN_LEARNERS or when everyone
   * got it right (or wrong), or every learner had the same rest score. */
  discrimination: number | null;
  flags: ItemFlag[];
}

const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : 0);

/**
 * Pearson's r between "right first time" (0/1) and the share of the learner's other quiz
 * questions right first time, from running sums: r = (m·Σxr − Σx·Σr) / √((m·Σx − (Σx)²)(m·Σr² − (Σr)²)).
 */
export function itemRestCorrelation(s: FirstAttemptSums): number | null {
  const m = num(s.m);
  const x = num(s.mx);
  const r = num(s.r);
  const varX = m * x - x * x;
  const varR = m * num(s.rr) - r * r;
  if (m < 2 || varX <= 0 || varR <= 0) return null;
  return (m * num(s.xr) - x * r) / Math.sqrt(varX * varR);
}

export function analyseItem(s: FirstAttemptSums | undefined): ItemAnalysis {
  const sums = s ?? {};
  const learners = num(sums.n);
  const discriminationLearners = num(sums.m);
  const facility = learners >= MIN_LEARNERS ? num(sums.right) / learners : null;
  const discrimination = discriminationLearners >= MIN_LEARNERS ? itemRestCorrelation(sums) : null;
  const flags: ItemFlag[] = [];
  if (facility !== null && facility > TOO_EASY) flags.push("too-easy");
  if (facility !== null && facility < TOO_HARD) flags.push("too-hard");
  if (discrimination !== null && discrimination < 0) flags.push("negative-discrimination");
  return { learners, facility, discriminationLearners, discrimination, flags };
}
