import mongoose, { type InferSchemaType, type Model } from "mongoose";

// A learner's own settings: the review reminder (a local time, or off), their time zone and how
// many cards a day's review holds. `nextReminderAt` is the next instant the reminder job should
// look at this learner; null when reminders are off.
const learnerPrefsSchema = new mongoose.Schema(
  {
    userId: { type: mongoose.Schema.Types.ObjectId, ref: "User", required: true },
    /** "HH:MM" in `timeZone`, or null for no reminders. */
    reminderTime: { type: String, default: null },
    timeZone: { type: String, required: true },
    dailyReviewSize: { type: Number, required: true },
    nextReminderAt: { type: Date, default: null },
    unsubscribedAt: { type: Date, default: null },
  },
  { timestamps: true, minimize: false },
);
learnerPrefsSchema.index({ userId: 1 }, { unique: true });
// The reminder job reads the learners whose reminder time has come, oldest first.
learnerPrefsSchema.index({ nextReminderAt: 1 });

export type LearnerPrefsRecord = InferSchemaType<typeof learnerPrefsSchema> & {
  _id: mongoose.Types.ObjectId;
};
export const LearnerPrefs: Model<InferSchemaType<typeof learnerPrefsSchema>> =
  (mongoose.models.LearnerPrefs as Model<InferSchemaType<typeof learnerPrefsSchema>>) ??
  mongoose.model("LearnerPrefs", learnerPrefsSchema);
