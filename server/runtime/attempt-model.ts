import mongoose, { type InferSchemaType, type Model } from "mongoose";

const interactionSchema = new mongoose.Schema(
  {
    id: { type: String, required: true },
    type: { type: String, default: "" },
    learnerResponse: { type: String, default: "" },
    correctResponses: { type: [String], default: [] },
    result: { type: String, default: "" },
    latency: { type: String, default: "" },
    description: { type: String, default: "" },
    timestamp: { type: String, default: "" },
  },
  { _id: false },
);

// One document per attempt carries everything, including its own commit sequence number, so a
// commit is one atomic single-document update (the embedded database has no transactions).
const attemptSchema = new mongoose.Schema(
  {
    userId: { type: mongoose.Schema.Types.ObjectId, ref: "User", required: true },
    moduleId: { type: mongoose.Schema.Types.ObjectId, ref: "Module", required: true },
    versionId: { type: mongoose.Schema.Types.ObjectId, ref: "ModuleVersion", required: true },
    slug: { type: String, required: true },
    version: { type: Number, required: true },
    /** 1 for the first attempt at a module, 2 for a retake, … */
    number: { type: Number, required: true },
    seq: { type: Number, required: true, default: 0 },
    /** 0 not attempted/unknown, 1 incomplete, 2 completed: ranks make "never backwards" a $max. */
    completionRank: { type: Number, required: true, default: 0 },
    /** 0 unknown, 1 failed, 2 passed. */
    successRank: { type: Number, required: true, default: 0 },
    scoreScaled: { type: Number, default: null },
    scoreRaw: { type: Number, default: null },
    progressMeasure: { type: Number, default: 0 },
    location: { type: String, default: "" },
    suspendData: { type: String, default: "" },
    interactions: { type: [interactionSchema], default: [] },
    /** interactions.length, readable without loading the array (rollups count what is new). */
    interactionCount: { type: Number, default: 0 },
    /** Longest session_time seen per browser session; total time is their sum. */
    sessionSeconds: { type: mongoose.Schema.Types.Mixed, default: {} },
    // No default: $min only sets a date on a missing field (null would sort below every date).
    completedAt: { type: Date },
    passedAt: { type: Date },
    lastCommitAt: { type: Date, default: null },
    /** The browser session of the newest stored commit. */
    lastSession: { type: String, default: null },
  },
  { timestamps: true, minimize: false },
);
// A learner's attempts at a module (resume, retake, module page); which versions a learner may
// load; a module's attempts in creation order (the CSV, rebuilding rollups).
attemptSchema.index({ userId: 1, moduleId: 1, number: -1 }, { unique: true });
attemptSchema.index({ userId: 1, versionId: 1 });
attemptSchema.index({ moduleId: 1, _id: 1 });

export type AttemptRecord = InferSchemaType<typeof attemptSchema> & {
  _id: mongoose.Types.ObjectId;
};
export const Attempt: Model<InferSchemaType<typeof attemptSchema>> =
  (mongoose.models.Attempt as Model<InferSchemaType<typeof attemptSchema>>) ??
  mongoose.model("Attempt", attemptSchema);

export const COMPLETION = ["unknown", "incomplete", "completed"] as const;
export const SUCCESS = ["unknown", "failed", "passed"] as const;
