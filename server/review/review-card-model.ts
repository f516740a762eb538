import mongoose, { type InferSchemaType, type Model } from "mongoose";

// One card per learner and graded question of a module (knowledge checks and quiz questions),
// keyed by the question's id so it follows the question from version to version. It carries the
// FSRS memory state; `due` is null once the question has left the module (the card is retired).
const reviewCardSchema = new mongoose.Schema(
  {
    userId: { type: mongoose.Schema.Types.ObjectId, ref: "User", required: true },
    moduleId: { type: mongoose.Schema.Types.ObjectId, ref: "Module", required: true },
    /** The question id as authored (without the bundle's quiz-/check- prefix). */
    questionId: { type: String, required: true },
    kind: { type: String, enum: ["quiz", "check"], required: true },
    slug: { type: String, required: true },
    due: { type: Date, default: null },
    stability: { type: Number, required: true },
    difficulty: { type: Number, required: true },
    scheduledDays: { type: Number, required: true, default: 0 },
    learningSteps: { type: Number, required: true, default: 0 },
    reps: { type: Number, required: true, default: 0 },
    lapses: { type: Number, required: true, default: 0 },
    /** ts-fsrs State: 0 new, 1 learning, 2 review, 3 relearning. */
    state: { type: Number, required: true, default: 0 },
    lastReview: { type: Date, default: null },
    lastCorrect: { type: Boolean, default: null },
    /** The module version the learner last answered it in (module or review). */
    lastVersion: { type: Number, default: null },
    retired: { type: Boolean, default: false },
  },
  { timestamps: true, minimize: false },
);
// One card per learner and question; today's cards, the due count and the next due date are
// range reads on (userId, due); retiring a removed question reads (moduleId, questionId).
reviewCardSchema.index({ userId: 1, moduleId: 1, questionId: 1 }, { unique: true });
reviewCardSchema.index({ userId: 1, due: 1 });
reviewCardSchema.index({ moduleId: 1, questionId: 1 });

export type ReviewCardRecord = InferSchemaType<typeof reviewCardSchema> & {
  _id: mongoose.Types.ObjectId;
};
export const ReviewCard: Model<InferSchemaType<typeof reviewCardSchema>> =
  (mongoose.models.ReviewCard as Model<InferSchemaType<typeof reviewCardSchema>>) ??
  mongoose.model("ReviewCard", reviewCardSchema);
