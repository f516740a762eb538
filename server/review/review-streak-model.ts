import mongoose, { type InferSchemaType, type Model } from "mongoose";

// Days in a row with a finished review. Kept by conditional single-document updates when a day's
// review is finished (streak.ts), read by the dashboard and the reminder email.
const reviewStreakSchema = new mongoose.Schema(
  {
    userId: { type: mongoose.Schema.Types.ObjectId, ref: "User", required: true },
    streak: { type: Number, required: true, default: 0 },
    best: { type: Number, required: true, default: 0 },
    /** "YYYY-MM-DD" in the learner's time zone. */
    lastFinishedDay: { type: String, required: true },
  },
  { minimize: false },
);
reviewStreakSchema.index({ userId: 1 }, { unique: true });

export const ReviewStreak: Model<InferSchemaType<typeof reviewStreakSchema>> =
  (mongoose.models.ReviewStreak as Model<InferSchemaType<typeof reviewStreakSchema>>) ??
  mongoose.model("ReviewStreak", reviewStreakSchema);
