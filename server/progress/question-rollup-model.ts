import mongoose, { type InferSchemaType, type Model } from "mongoose";

// Per question (keyed by its interaction id, which stays the same across versions while the
// question's id does): how often it is answered and how well. `options` counts each option a
// learner chose; keys are validated option letters or true/false, so the document stays small.
const questionRollupSchema = new mongoose.Schema(
  {
    moduleId: { type: mongoose.Schema.Types.ObjectId, ref: "Module", required: true },
    interactionId: { type: String, required: true },
    /** Attempts that answered it at least once. */
    attempts: { type: Number, default: 0 },
    /** Attempts whose first answer to it was correct. */
    firstTryCorrect: { type: Number, default: 0 },
    /** Every answer, retries included. */
    answers: { type: Number, default: 0 },
    correct: { type: Number, default: 0 },
    options: { type: mongoose.Schema.Types.Mixed, default: {} },
    /** Learners' first attempts only: facility, first choices and item-rest sums (first-attempt-counts.ts). */
    first: { type: mongoose.Schema.Types.Mixed, default: {} },
  },
  { minimize: false },
);
questionRollupSchema.index({ moduleId: 1, interactionId: 1 }, { unique: true });

export type QuestionRollupRecord = InferSchemaType<typeof questionRollupSchema>;
export const QuestionRollup: Model<QuestionRollupRecord> =
  (mongoose.models.QuestionRollup as Model<QuestionRollupRecord>) ??
  mongoose.model("QuestionRollup", questionRollupSchema, "questionrollups");
