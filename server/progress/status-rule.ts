// The one rule for where a learner stands in a module. The SCO bundle runs this very file (esbuild
// bundles it into the package), so what an LMS receives through SCORM, the learner summaries, every
// page, the reports and the CSV all agree. No imports: it has to run in a browser as it is.

export type Status = "not started" | "in progress" | "completed" | "passed" | "failed";

/** What the SCO knows about one attempt. */
export interface AttemptFacts {
  lessonCount: number;
  lessonsViewed: number;
  /** The module has a final quiz with at least one graded question. */
  hasQuiz: boolean;
  quizSubmitted: boolean;
  /** Score of the quiz as a fraction 0..1, once submitted. */
  scoreRatio: number | null;
  /** Percent 0..100. */
  passMark: number;
}

export interface Standing {
  completed: boolean;
  success: "unknown" | "passed" | "failed";
  /** 0..1 with two decimals: lessons viewed and the quiz, each counting one step. */
  progress: number;
  status: Status;
}

/**
 * With a final quiz, a module is completed when the quiz has been submitted; without one, when
 * every lesson has been viewed. Passed or failed comes from the quiz score against the pass mark.
 * Knowledge checks and reflections never change any of it.
 */
export function standing(f: AttemptFacts): Standing {
  const viewed = Math.min(Math.max(0, f.lessonsViewed), f.lessonCount);
  const submitted = f.hasQuiz && f.quizSubmitted;
  const completed = f.hasQuiz ? submitted : viewed >= f.lessonCount;
  const steps = f.lessonCount + (f.hasQuiz ? 1 : 0);
  const done = viewed + (submitted ? 1 : 0);
  const progress = steps === 0 ? 1 : Math.round((done / steps) * 100) / 100;
  let success: Standing["success"] = "unknown";
  if (submitted && f.scoreRatio !== null)
    success = f.scoreRatio * 100 >= f.passMark - 1e-9 ? "passed" : "failed";
  const status: Status =
    success !== "unknown"
      ? success
      : completed
        ? "completed"
        : done > 0
          ? "in progress"
          : "not started";
  return { completed, success, progress, status };
}

/** What the server stores of an attempt (CMI completion and success as ranks, so $max keeps them). */
export interface StoredResult {
  /** 0 unknown, 1 incomplete, 2 completed. */
  completionRank: number;
  /** 0 unknown, 1 failed, 2 passed. */
  successRank: number;
  scoreScaled?: number | null;
  progressMeasure?: number | null;
  /** The attempt has received at least one commit. */
  started: boolean;
}

export function isFinished(r: Pick<StoredResult, "completionRank" | "successRank">): boolean {
  return r.completionRank >= 2 || r.successRank > 0;
}

export function statusOf(r: StoredResult): Status {
  if (r.successRank === 2) return "passed";
  if (r.successRank === 1) return "failed";
  if (r.completionRank >= 2) return "completed";
  return r.started ? "in progress" : "not started";
}

/** Rounded down, as the SCO's result panel does: 79.6 % must not read "80 %" beside "Failed". */
export function scorePercentOf(scoreScaled: number | null | undefined): number | null {
  return typeof scoreScaled === "number" && Number.isFinite(scoreScaled)
    ? Math.floor(scoreScaled * 100 + 1e-9)
    : null;
}

/** A finished module shows its result, never a part-filled bar. */
export function progressPercentOf(r: StoredResult): number {
  if (isFinished(r)) return 100;
  const measure = typeof r.progressMeasure === "number" ? r.progressMeasure : 0;
  return Math.round(Math.min(1, Math.max(0, measure)) * 100);
}

// Across retakes the best finished result counts: passed beats completed beats failed, then the
// higher score. Packed into one number so a database can keep the best with a plain $max.
const TIER: Record<Status, number> = {
  "not started": 0,
  "in progress": 0,
  failed: 1,
  completed: 2,
  passed: 3,
};
const TIER_STATUS = ["in progress", "failed", "completed", "passed"] as const;
const TIER_SIZE = 100_000;

export function resultKey(r: StoredResult): number {
  const status = statusOf(r);
  const tier = TIER[status];
  if (tier === 0) return 0;
  const scaled = typeof r.scoreScaled === "number" ? Math.min(1, Math.max(0, r.scoreScaled)) : 0;
  return tier * TIER_SIZE + Math.round(scaled * 10_000);
}

export interface BestResult {
  status: "failed" | "completed" | "passed";
  scorePercent: number | null;
}

export function decodeResultKey(key: number | null | undefined): BestResult | null {
  if (!key || key < TIER_SIZE) return null;
  const tier = Math.min(3, Math.floor(key / TIER_SIZE));
  const status = TIER_STATUS[tier] as BestResult["status"];
  const score = key - tier * TIER_SIZE;
  return {
    status,
    scorePercent: status === "completed" && score === 0 ? null : Math.floor(score / 100),
  };
}
