import {
  progressPercentOf,
  type Status,
  scorePercentOf,
  statusOf,
} from "../progress/status-rule.ts";
import { COMPLETION, SUCCESS } from "./attempt-model.ts";

export interface AttemptView {
  id: string;
  slug: string;
  version: number;
  number: number;
  status: Status;
  progressPercent: number;
  scorePercent: number | null;
  totalSeconds: number;
  updatedAt: Date | null;
}

interface AttemptLike {
  _id: { toString(): string };
  slug: string;
  version: number;
  number: number;
  seq: number;
  completionRank: number;
  successRank: number;
  scoreScaled?: number | null;
  progressMeasure?: number | null;
  sessionSeconds?: unknown;
  updatedAt?: Date | null;
}

export function totalSeconds(sessionSeconds: unknown): number {
  if (!sessionSeconds || typeof sessionSeconds !== "object") return 0;
  return Object.values(sessionSeconds as Record<string, unknown>).reduce<number>(
    (sum, v) => sum + (typeof v === "number" ? v : 0),
    0,
  );
}

/** What learners see of an attempt; never the raw suspend data or interactions. */
export function presentAttempt(a: AttemptLike): AttemptView {
  const result = { ...a, started: a.seq > 0 };
  return {
    id: a._id.toString(),
    slug: a.slug,
    version: a.version,
    number: a.number,
    status: statusOf(result),
    progressPercent: progressPercentOf(result),
    scorePercent: scorePercentOf(a.scoreScaled),
    totalSeconds: totalSeconds(a.sessionSeconds),
    updatedAt: a.updatedAt ?? null,
  };
}

/** The CMI data scorm-again is preloaded with, so the bundle resumes where the learner was. */
export function initialCmi(
  a: AttemptLike & {
    location?: string | null;
    suspendData?: string | null;
    scoreRaw?: number | null;
    interactions?: {
      id: string;
      type?: string | null;
      learnerResponse?: string | null;
      correctResponses?: string[] | null;
      result?: string | null;
      latency?: string | null;
      description?: string | null;
      timestamp?: string | null;
    }[];
  },
  learner: { id: string; name: string },
  passMark: number,
): Record<string, unknown> {
  const interactions: Record<string, unknown> = {};
  for (const [i, x] of (a.interactions ?? []).entries()) {
    const correct: Record<string, { pattern: string }> = {};
    for (const [j, pattern] of (x.correctResponses ?? []).entries())
      correct[String(j)] = { pattern };
    interactions[String(i)] = {
      id: x.id,
      type: x.type ?? "",
      learner_response: x.learnerResponse ?? "",
      result: x.result ?? "",
      latency: x.latency ?? "",
      description: x.description ?? "",
      timestamp: x.timestamp ?? "",
      correct_responses: correct,
    };
  }
  const started = a.seq > 0;
  const seconds = totalSeconds(a.sessionSeconds);
  return {
    learner_id: learner.id,
    learner_name: learner.name,
    entry: started ? "resume" : "ab-initio",
    location: a.location ?? "",
    suspend_data: a.suspendData ?? "",
    completion_status: COMPLETION[a.completionRank] ?? "unknown",
    success_status: SUCCESS[a.successRank] ?? "unknown",
    scaled_passing_score: String(passMark / 100),
    progress_measure: a.progressMeasure ? String(a.progressMeasure) : "",
    total_time: `PT${seconds}S`,
    ...(typeof a.scoreScaled === "number"
      ? {
          score: {
            scaled: String(a.scoreScaled),
            raw: a.scoreRaw == null ? "" : String(a.scoreRaw),
            min: "0",
            max: "100",
          },
        }
      : {}),
    interactions,
  };
}
