import mongoose from "mongoose";
import { HttpError, notFound, ValidationError } from "../http/http-errors.ts";
import { answerFromForm, isCorrect } from "./grade-answer.ts";
import { dayBounds } from "./learner-days.ts";
import { currentQuestions } from "./question-index.ts";
import { ratingFor } from "./rating.ts";
import { retireCard } from "./retire-cards.ts";
import { ReviewCard } from "./review-card-model.ts";
import { ReviewDay } from "./review-day-model.ts";
import { recordFinishedDay } from "./streak.ts";
import type { ReviewSettings } from "./todays-review.ts";
import { updateCard } from "./update-card.ts";

// A review answer's time runs from when the server showed the card to when the answer arrives;
// anything longer than this is a card left open, not thinking time.
const LONGEST_ANSWER_MS = 60 * 60_000;

export type AnswerOutcome =
  | { status: "answered"; correct: boolean; finished: boolean }
  | { status: "already-answered" };

/** The time a card was shown (the form's `shown` field), if it is plausible. */
export function answerSeconds(shown: unknown, now: Date): number | null {
  const t = typeof shown === "string" && /^\d{1,15}$/.test(shown) ? Number(shown) : Number.NaN;
  if (!Number.isFinite(t)) return null;
  const ms = now.getTime() - t;
  if (ms < 0 || ms > LONGEST_ANSWER_MS) return null;
  return ms / 1000;
}

/**
 * One answer in today's review: graded with the module's rules, recorded once in the day's review
 * (a second submit of the same card changes nothing), then applied to the card's FSRS state. The
 * last answer finishes the day and extends the streak.
 */
export async function answerReviewCard(input: {
  userId: string;
  cardId: string;
  body: Record<string, unknown>;
  now: Date;
  settings: ReviewSettings;
}): Promise<AnswerOutcome> {
  if (!mongoose.isValidObjectId(input.cardId)) throw notFound("Review question");
  const userId = new mongoose.Types.ObjectId(input.userId);
  const cardId = new mongoose.Types.ObjectId(input.cardId);
  const { day, end } = dayBounds(input.now, input.settings.timeZone);
  const review = await ReviewDay.findOne({ userId, day }).select("cardIds answers.cardId").lean();
  if (!review?.cardIds.some((id) => id.equals(cardId))) {
    throw new HttpError(404, "That question is not in today's review. Open the review again.");
  }
  if (review.answers.some((a) => a.cardId.equals(cardId))) return { status: "already-answered" };

  const card = await ReviewCard.findOne({ _id: cardId, userId })
    .select("moduleId questionId kind slug")
    .lean();
  if (!card) throw notFound("Review question");
  const module = await currentQuestions(card.moduleId);
  const indexed = module?.questions.get(card.questionId);
  if (!module || !indexed) {
    await retireCard(card._id);
    throw new HttpError(409, "This question was removed from its module. Open the review again.");
  }
  const parsed = answerFromForm(indexed.question, input.body);
  if ("error" in parsed) throw new ValidationError({ answer: parsed.error });
  const correct = isCorrect(indexed.question, parsed.answer);
  const rating = ratingFor(indexed.question, correct, answerSeconds(input.body.shown, input.now));

  // The answer is recorded first and only once: the filter refuses a card already answered.
  const after = await ReviewDay.findOneAndUpdate(
    { userId, day, "answers.cardId": { $ne: cardId } },
    {
      $push: {
        answers: {
          cardId,
          response: parsed.answer,
          correct,
          rating,
          version: module.version,
          at: input.now,
        },
      },
    },
    { returnDocument: "after", projection: { answers: 1, cardIds: 1, dueBeforeToday: 1 } },
  ).lean();
  if (!after) return { status: "already-answered" };
  await updateCard({
    key: { userId, moduleId: card.moduleId, questionId: card.questionId },
    create: { kind: indexed.kind, slug: module.slug },
    rating,
    correct,
    version: module.version,
    at: input.now,
    notBefore: end,
  });
  const finished = after.answers.length >= after.cardIds.length;
  if (finished) await finishDay(userId, day, Boolean(after.dueBeforeToday), input.now);
  return { status: "answered", correct, finished };
}

/** Marks the day's review finished once (two tabs finishing at once extend the streak once). */
export async function finishDay(
  userId: mongoose.Types.ObjectId,
  day: string,
  dueBeforeToday: boolean,
  now: Date,
): Promise<void> {
  const marked = await ReviewDay.collection.updateOne(
    { userId, day, finishedAt: null },
    { $set: { finishedAt: now } },
  );
  if (marked.modifiedCount === 1) await recordFinishedDay(userId, day, dueBeforeToday);
}
