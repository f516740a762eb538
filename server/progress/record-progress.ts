import type mongoose from "mongoose";
import { issueCertificate, type PassedVersion } from "../certificates/issue-certificate.ts";
import { recordReviewAnswers } from "../review/record-review-answers.ts";
import { firstAttemptIncrements, mergeQuestionIncrements } from "./first-attempt-counts.ts";
import { type FunnelFlags, funnelIncrements } from "./funnel-steps.ts";
import { LearnerSummary, orderOf } from "./learner-summary-model.ts";
import { ModuleRollup } from "./module-rollup-model.ts";
import { type AnswerRecord, questionIncrements } from "./question-counts.ts";
import { QuestionRollup } from "./question-rollup-model.ts";
import { type Increments, mergeIncrements, resultChange } from "./result-counts.ts";
import { resultKey, type StoredResult } from "./status-rule.ts";

// Keeps the learner summary and the rollups in step with the attempts. Each write is one
// single-document update (the embedded database has no transactions); a crash between them
// leaves a summary or rollup behind by one step, which `npm run progress:rebuild` repairs.

export interface AttemptIdentity {
  _id: mongoose.Types.ObjectId;
  userId: mongoose.Types.ObjectId;
  moduleId: mongoose.Types.ObjectId;
  slug: string;
  number: number;
  version: number;
}

export type AttemptState = Omit<StoredResult, "started"> & { seq: number };

function currentFields(a: AttemptIdentity, s: AttemptState) {
  return {
    attemptId: a._id,
    number: a.number,
    version: a.version,
    completionRank: s.completionRank,
    successRank: s.successRank,
    scoreScaled: s.scoreScaled ?? null,
    progressMeasure: s.progressMeasure ?? 0,
    started: s.seq > 0,
  };
}

async function applyRollups(
  moduleId: mongoose.Types.ObjectId,
  inc: Increments,
  questions?: Map<string, Increments>,
) {
  if (Object.keys(inc).length > 0)
    await ModuleRollup.collection.updateOne({ moduleId }, { $inc: inc }, { upsert: true });
  if (questions && questions.size > 0)
    await QuestionRollup.collection.bulkWrite(
      [...questions].map(([interactionId, q]) => ({
        updateOne: { filter: { moduleId, interactionId }, update: { $inc: q }, upsert: true },
      })),
      { ordered: false },
    );
}

/** A new attempt exists: it becomes the learner's current one. */
export async function recordAttemptStart(a: AttemptIdentity, now: Date): Promise<void> {
  const before = await LearnerSummary.collection.findOneAndUpdate(
    { userId: a.userId, moduleId: a.moduleId },
    {
      $set: {
        current: currentFields(a, { completionRank: 0, successRank: 0, seq: 0 }),
        currentOrder: orderOf(a.number, 0),
        lastActivityAt: now,
      },
      $inc: { attempts: 1 },
      $setOnInsert: { slug: a.slug, bestKey: 0, firstKey: 0 },
    },
    { upsert: true, returnDocument: "before", projection: { _id: 1 } },
  );
  await applyRollups(a.moduleId, before ? { attempts: 1 } : { attempts: 1, learners: 1 });
}

/**
 * A commit was stored: `before` is the attempt as it was, `after` as the commit left it. The
 * summary's current attempt moves only forward (attempt number, then seq); its best and
 * first-try results only up; the rollups take the difference.
 */
export async function recordCommit(input: {
  attempt: AttemptIdentity;
  before: AttemptState & { interactionCount: number };
  after: AttemptState;
  interactions?: readonly AnswerRecord[];
  /** The attempt's funnel flags as they were, and those this commit shows. */
  funnel?: { before: Record<string, unknown> | null | undefined; after: FunnelFlags };
  now: Date;
}): Promise<void> {
  const { attempt: a, before, after, now } = input;
  const journal = input.interactions;
  const fresh =
    journal && journal.length > before.interactionCount
      ? journal.slice(before.interactionCount)
      : [];
  const questions = fresh.length
    ? mergeQuestionIncrements(
        questionIncrements(journal ?? [], before.interactionCount),
        firstAttemptIncrements(a.number, journal ?? [], before.interactionCount),
      )
    : undefined;
  // Most commits (a reflection typed, a practice answer) change nothing a summary shows; those
  // leave the summary alone. (An attempt's first commit always counts: it starts it.)
  const standing =
    before.seq > 0 && sameStanding(before, after) ? {} : await updateSummary(a, after, now);
  const funnel = input.funnel
    ? funnelIncrements(a.number, input.funnel.before, input.funnel.after)
    : {};
  await applyRollups(a.moduleId, mergeIncrements(standing, funnel), questions);
  // The commit's new graded answers also update the learner's review cards (server/review/).
  if (questions)
    await recordReviewAnswers({
      userId: a.userId,
      moduleId: a.moduleId,
      slug: a.slug,
      version: a.version,
      answers: fresh,
      now,
    });
  // A pass earns the certificate for this version at once. Last, so nothing else waits on it;
  // issuing is idempotent, and the certificate page issues it too should this write be lost.
  if (after.successRank === 2 && before.successRank < 2) {
    const passed = {
      userId: a.userId,
      moduleId: a.moduleId,
      slug: a.slug,
      version: a.version,
      passedAt: now,
    };
    // The commit is stored by now: a failure here must not answer it with an error (the player
    // would show one on a pass). The certificate page issues it later; the operator is told.
    await issueCertificate(passed).catch((err: unknown) => reportCertificateFailure(err, passed));
  }
}

type CertificateFailureReporter = (err: unknown, passed: PassedVersion) => void;

let reportCertificateFailure: CertificateFailureReporter = (err, passed) => {
  console.error(`certificate for ${passed.slug} v${passed.version} not issued at the pass`, err);
};

/** Where a certificate that could not be issued at the pass is reported (the app's logger). */
export function onCertificateFailure(reporter: CertificateFailureReporter): void {
  reportCertificateFailure = reporter;
}

/** Moves the learner's summary forward; returns what the module rollup must add for it. */
async function updateSummary(
  a: AttemptIdentity,
  after: AttemptState,
  now: Date,
): Promise<Increments> {
  const key = resultKey({ ...after, started: true });
  const raise: Record<string, number> = { bestKey: key };
  if (a.number === 1) raise.firstKey = key;
  const where = { userId: a.userId, moduleId: a.moduleId };
  const projection = { bestKey: 1, firstKey: 1 };
  const order = orderOf(a.number, after.seq);
  let previous = await LearnerSummary.collection.findOneAndUpdate(
    { ...where, currentOrder: { $lt: order } },
    {
      $set: { current: currentFields(a, after), currentOrder: order, lastActivityAt: now },
      $max: raise,
    },
    { returnDocument: "before", projection },
  );
  let inserted = false;
  if (!previous) {
    // Either a newer commit or attempt is already shown, or (data from before summaries
    // existed) there is no summary yet.
    previous = await LearnerSummary.collection.findOneAndUpdate(
      where,
      {
        $max: raise,
        $setOnInsert: {
          slug: a.slug,
          current: currentFields(a, after),
          currentOrder: order,
          attempts: 1,
          lastActivityAt: now,
        },
      },
      { upsert: true, returnDocument: "before", projection },
    );
    inserted = previous === null;
  }
  const bestBefore = Number(previous?.bestKey ?? 0);
  const firstBefore = Number(previous?.firstKey ?? 0);
  return mergeIncrements(
    resultChange("best", bestBefore, Math.max(bestBefore, key)),
    a.number === 1 ? resultChange("firstTry", firstBefore, Math.max(firstBefore, key)) : {},
    inserted ? { learners: 1, attempts: 1 } : {},
  );
}

function sameStanding(x: AttemptState, y: AttemptState): boolean {
  return (
    x.completionRank === y.completionRank &&
    x.successRank === y.successRank &&
    (x.scoreScaled ?? null) === (y.scoreScaled ?? null) &&
    (x.progressMeasure ?? 0) === (y.progressMeasure ?? 0)
  );
}
