import mongoose, { type InferSchemaType, type Model } from "mongoose";

const answerSchema = new mongoose.Schema(
  {
    cardId: { type: mongoose.Schema.Types.ObjectId, required: true },
    /** The answer in the player's encoding (grade-answer.ts). */
    response: { type: String, required: true },
    correct: { type: Boolean, required: true },
    rating: { type: Number, required: true },
    /** The module version whose text the learner answered. */
    version: { type: Number, required: true },
    at: { type: Date, required: true },
  },
  { _id: false },
);

// A learner's review for one calendar day (in their time zone): the cards chosen when the day's
// review was first opened, in order, and the answers given. The unique (userId, day) index is
// what keeps it to one review, of at most the daily number of cards, per day.
const reviewDaySchema = new mongoose.Schema(
  {
    userId: { type: mongoose.Schema.Types.ObjectId, ref: "User", required: true },
    day: { type: String, required: true },
    timeZone: { type: String, required: true },
    cardIds: { type: [mongoose.Schema.Types.ObjectId], required: true },
    answers: { type: [answerSchema], default: [] },
    /** Some card was already due before this day began (a missed day breaks the streak). */
    dueBeforeToday: { type: Boolean, required: true, default: false },
    finishedAt: { type: Date, default: null },
  },
  { timestamps: true, minimize: false },
);
reviewDaySchema.index({ userId: 1, day: 1 }, { unique: true });

export type ReviewDayRecord = InferSchemaType<typeof reviewDaySchema> & {
  _id: mongoose.Types.ObjectId;
};
export const ReviewDay: Model<InferSchemaType<typeof reviewDaySchema>> =
  (mongoose.models.ReviewDay as Model<InferSchemaType<typeof reviewDaySchema>>) ??
  mongoose.model("ReviewDay", reviewDaySchema);
