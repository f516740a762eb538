import mongoose, { type InferSchemaType, type Model } from "mongoose";

// One small document per learner and module: what the dashboard, catalog and module page read,
// by the learner's id, so their cost never depends on how many attempts anyone else has.
const currentSchema = new mongoose.Schema(
  {
    attemptId: { type: mongoose.Schema.Types.ObjectId, required: true },
    number: { type: Number, required: true },
    version: { type: Number, required: true },
    completionRank: { type: Number, required: true, default: 0 },
    successRank: { type: Number, required: true, default: 0 },
    scoreScaled: { type: Number, default: null },
    progressMeasure: { type: Number, default: 0 },
    started: { type: Boolean, default: false },
  },
  { _id: false },
);

const learnerSummarySchema = new mongoose.Schema(
  {
    userId: { type: mongoose.Schema.Types.ObjectId, ref: "User", required: true },
    moduleId: { type: mongoose.Schema.Types.ObjectId, ref: "Module", required: true },
    slug: { type: String, required: true },
    /** Attempt number × 10^10 + commit seq of what `current` shows: newer writes only move it up. */
    currentOrder: { type: Number, required: true, default: 0 },
    /** The latest attempt, as of its newest stored commit. */
    current: { type: currentSchema, required: true },
    /** Best finished result across attempts (status-rule resultKey); 0 = none yet. */
    bestKey: { type: Number, required: true, default: 0 },
    /** Result of the learner's first attempt (resultKey); 0 = not finished. */
    firstKey: { type: Number, required: true, default: 0 },
    attempts: { type: Number, required: true, default: 0 },
    lastActivityAt: { type: Date, required: true },
  },
  { minimize: false },
);
learnerSummarySchema.index({ userId: 1, moduleId: 1 }, { unique: true });

export type LearnerSummaryRecord = InferSchemaType<typeof learnerSummarySchema>;
export const LearnerSummary: Model<LearnerSummaryRecord> =
  (mongoose.models.LearnerSummary as Model<LearnerSummaryRecord>) ??
  mongoose.model("LearnerSummary", learnerSummarySchema, "learnersummaries");

/** Room for ten billion commits per attempt; attempt numbers stay far below 900. */
export const ORDER_STEP = 1e10;
export const orderOf = (attemptNumber: number, seq: number) => attemptNumber * ORDER_STEP + seq;
