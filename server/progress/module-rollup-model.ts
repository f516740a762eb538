import mongoose, { type InferSchemaType, type Model } from "mongoose";

// Per-module counts that reports read instead of grouping every attempt. Learners are counted by
// their best result; the first-try block by the result of each learner's first attempt. Kept up
// to date by the commit path ($inc of the change) and rebuildable from the attempts.
const moduleRollupSchema = new mongoose.Schema(
  {
    moduleId: { type: mongoose.Schema.Types.ObjectId, ref: "Module", required: true },
    learners: { type: Number, default: 0 },
    attempts: { type: Number, default: 0 },
    /** Learners by best result. */
    best: { type: mongoose.Schema.Types.Mixed, default: {} },
    /** Learners by the result of their first attempt. */
    firstTry: { type: mongoose.Schema.Types.Mixed, default: {} },
    /** Learners whose first attempt reached each step (funnel-steps.ts): s, l0 …, q, d, p. */
    funnel: { type: mongoose.Schema.Types.Mixed, default: {} },
  },
  { minimize: false },
);
moduleRollupSchema.index({ moduleId: 1 }, { unique: true });

export type ModuleRollupRecord = InferSchemaType<typeof moduleRollupSchema>;
export const ModuleRollup: Model<ModuleRollupRecord> =
  (mongoose.models.ModuleRollup as Model<ModuleRollupRecord>) ??
  mongoose.model("ModuleRollup", moduleRollupSchema, "modulerollups");

/**
 * One result block (`best` or `firstTry`): counts per status, the score sum and count for the
 * average, and a ten-bucket score histogram (b0 = 0–9 %, …, b9 = 90–100 %).
 */
export interface ResultCounts {
  passed?: number;
  failed?: number;
  completed?: number;
  scored?: number;
  scoreSum?: number;
  [bucket: `b${number}`]: number | undefined;
}
