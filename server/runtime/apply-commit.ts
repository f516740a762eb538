import mongoose from "mongoose";
import { forbidden, HttpError, notFound } from "../http/http-errors.ts";
import { parseOrThrow } from "../http/zod-fields.ts";
import { flagsFromMax, funnelFlags, funnelMax } from "../progress/funnel-steps.ts";
import type { AnswerRecord } from "../progress/question-counts.ts";
import {
  type AttemptIdentity,
  type AttemptState,
  recordCommit,
} from "../progress/record-progress.ts";
import { Attempt } from "./attempt-model.ts";
import {
  type CmiInput,
  type CommitInput,
  commitSchema,
  durationSeconds,
} from "./cmi-commit-schema.ts";
import { refuseSeqLeap, seqWindow } from "./commit-seq.ts";

export type CommitOutcome =
  | { applied: true; seq: number }
  | { applied: false; seq: number; reason: "stale"; session: string | null };

const COMPLETION_RANK: Record<CmiInput["completion_status"], number> = {
  unknown: 0,
  "not attempted": 0,
  incomplete: 1,
  completed: 2,
};
const SUCCESS_RANK: Record<CmiInput["success_status"], number> = {
  unknown: 0,
  failed: 1,
  passed: 2,
};

const numberOrNull = (v: string) => (v === "" ? null : Number(v));

/**
 * Stores one commit from the player. The filter holds the owner and `seq < incoming`, so a
 * retried or out-of-order commit matches nothing and changes nothing; $max keeps completion,
 * success and score from moving backwards. One atomic update, no read on the happy path.
 */
export async function applyCommit(input: {
  attemptId: string;
  userId: string;
  body: unknown;
  now?: Date;
}): Promise<CommitOutcome> {
  const commit = parseOrThrow(commitSchema, input.body);
  if (!mongoose.isValidObjectId(input.attemptId)) throw notFound("Attempt");
  const { seq } = commit;
  const attemptId = new mongoose.Types.ObjectId(input.attemptId);
  const userId = new mongoose.Types.ObjectId(input.userId);
  const now = input.now ?? new Date();
  // The driver's collection, not the model: the values are already validated and shaped, and
  // mongoose's casting of the interactions array would cost more than the write itself. The
  // document as it was (small fields only) tells the summaries and rollups what changed.
  const update = commitUpdate(commit, now);
  const before = await Attempt.collection.findOneAndUpdate(
    { _id: attemptId, userId, seq: seqWindow(seq) },
    update,
    { returnDocument: "before", projection: BEFORE_FIELDS },
  );
  if (before) {
    await recordCommit({
      attempt: before as unknown as AttemptIdentity,
      before: stateOf(before, Number(before.interactionCount ?? 0)),
      after: stateAfter(stateOf(before, 0), update.$max, seq),
      interactions: update.$set.interactions as AnswerRecord[] | undefined,
      funnel: {
        before: before.funnel as Record<string, unknown> | undefined,
        after: flagsFromMax(update.$max),
      },
      now,
    });
    return { applied: true, seq };
  }

  // Nothing matched: find out whether the attempt is missing, someone else's, or already newer.
  const current = await Attempt.findById(attemptId).select("userId seq lastSession").lean();
  if (!current) throw notFound("Attempt");
  if (!current.userId.equals(userId)) throw forbidden();
  // The session that wrote the stored state lets a player tell "my own retry, already stored"
  // from "another window got there first".
  if (current.seq >= seq) {
    return {
      applied: false,
      seq: current.seq,
      reason: "stale",
      session: current.lastSession ?? null,
    };
  }
  refuseSeqLeap(current.seq, seq);
  throw new HttpError(409, "The attempt changed while saving; send the commit again");
}

/** The update a validated commit makes (exported so the benchmark issues the very same write). */
export function commitUpdate({ seq, session, cmi }: CommitInput, now: Date) {
  const completionRank = COMPLETION_RANK[cmi.completion_status];
  const successRank = SUCCESS_RANK[cmi.success_status];
  const scaled = numberOrNull(cmi.score.scaled);
  const raw = numberOrNull(cmi.score.raw);

  const set: Record<string, unknown> = { seq, lastCommitAt: now };
  set.lastSession = session ?? null;
  if (cmi.location !== undefined) set.location = cmi.location;
  if (cmi.suspend_data !== undefined) set.suspendData = cmi.suspend_data;
  if (cmi.interactions !== undefined) {
    set.interactions = cmi.interactions.map((i) => ({
      id: i.id,
      type: i.type,
      learnerResponse: i.learner_response,
      correctResponses: Object.keys(i.correct_responses)
        .sort((a, b) => Number(a) - Number(b))
        .map((k) => i.correct_responses[k]?.pattern ?? ""),
      result: i.result,
      latency: i.latency,
      description: i.description,
      timestamp: i.timestamp,
    }));
    set.interactionCount = cmi.interactions.length;
  }
  const max: Record<string, unknown> = { completionRank, successRank };
  if (scaled !== null) max.scoreScaled = scaled;
  if (raw !== null) max.scoreRaw = raw;
  if (cmi.progress_measure !== "") max.progressMeasure = Number(cmi.progress_measure);
  if (session && cmi.session_time)
    max[`sessionSeconds.${session}`] = durationSeconds(cmi.session_time);
  Object.assign(
    max,
    funnelMax(
      funnelFlags({
        location: cmi.location,
        suspendData: cmi.suspend_data,
        completed: completionRank === 2,
        passed: successRank === 2,
      }),
    ),
  );
  const min: Record<string, unknown> = {};
  if (completionRank === 2) min.completedAt = now;
  if (successRank === 2) min.passedAt = now;

  return {
    $set: set,
    $max: max,
    ...(Object.keys(min).length ? { $min: min } : {}),
  };
}

const BEFORE_FIELDS = {
  userId: 1,
  moduleId: 1,
  slug: 1,
  number: 1,
  version: 1,
  seq: 1,
  completionRank: 1,
  successRank: 1,
  scoreScaled: 1,
  progressMeasure: 1,
  interactionCount: 1,
  funnel: 1,
} as const;

function stateOf(doc: Record<string, unknown>, interactionCount: number) {
  const num = (v: unknown) => (typeof v === "number" ? v : null);
  return {
    seq: num(doc.seq) ?? 0,
    completionRank: num(doc.completionRank) ?? 0,
    successRank: num(doc.successRank) ?? 0,
    scoreScaled: num(doc.scoreScaled),
    progressMeasure: num(doc.progressMeasure) ?? 0,
    interactionCount,
  };
}

/** What the update's $max leaves stored, computed from the document as it was. */
function stateAfter(before: AttemptState, max: Record<string, unknown>, seq: number): AttemptState {
  const up = (old: number | null | undefined, next: unknown) =>
    typeof next !== "number" ? (old ?? null) : old == null ? next : Math.max(old, next);
  return {
    seq,
    completionRank: up(before.completionRank, max.completionRank) ?? 0,
    successRank: up(before.successRank, max.successRank) ?? 0,
    scoreScaled: up(before.scoreScaled, max.scoreScaled),
    progressMeasure: up(before.progressMeasure, max.progressMeasure) ?? 0,
  };
}
