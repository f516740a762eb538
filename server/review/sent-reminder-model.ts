import mongoose, { type InferSchemaType, type Model } from "mongoose";

// One document per learner per day a reminder went out. Its unique (userId, day) index is the
// once-a-day guarantee: whichever process inserts it first sends; every other insert fails.
const sentReminderSchema = new mongoose.Schema(
  {
    userId: { type: mongoose.Schema.Types.ObjectId, ref: "User", required: true },
    /** "YYYY-MM-DD" in the learner's time zone. */
    day: { type: String, required: true },
    sentAt: { type: Date, required: true },
  },
  { minimize: false },
);
sentReminderSchema.index({ userId: 1, day: 1 }, { unique: true });

export const SentReminder: Model<InferSchemaType<typeof sentReminderSchema>> =
  (mongoose.models.SentReminder as Model<InferSchemaType<typeof sentReminderSchema>>) ??
  mongoose.model("SentReminder", sentReminderSchema);
