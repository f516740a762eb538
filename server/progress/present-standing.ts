import type { LearnerSummaryRecord } from "./learner-summary-model.ts";
import {
  type BestResult,
  decodeResultKey,
  isFinished,
  progressPercentOf,
  type Status,
  scorePercentOf,
  statusOf,
} from "./status-rule.ts";

/** Where a learner stands in one module, as every learner page shows it. */
export interface Standing {
  /** The learner's current (latest) attempt. */
  current: {
    attemptId: string;
    number: number;
    version: number;
    status: Status;
    progressPercent: number;
    scorePercent: number | null;
    finished: boolean;
  };
  /** Best finished result across attempts; a retake never hides it. */
  best: BestResult | null;
  /** A finished module is being taken again. */
  retaking: boolean;
  /** Done for good: passed, or completed where nothing is graded. */
  done: boolean;
  attempts: number;
  lastActivityAt: Date;
}

export function presentStanding(s: LearnerSummaryRecord): Standing {
  const c = s.current;
  const result = { ...c, started: c.started ?? false };
  const best = decodeResultKey(s.bestKey);
  const finished = isFinished(c);
  return {
    current: {
      attemptId: String(c.attemptId),
      number: c.number,
      version: c.version,
      status: statusOf(result),
      progressPercent: progressPercentOf(result),
      scorePercent: scorePercentOf(c.scoreScaled),
      finished,
    },
    best,
    retaking: best !== null && !finished,
    done: best !== null && best.status !== "failed",
    attempts: s.attempts,
    lastActivityAt: s.lastActivityAt,
  };
}
