import mongoose from "mongoose";
import { HttpError, notFound } from "../http/http-errors.ts";
import { finishDay } from "./answer-review-card.ts";
import { dayBounds, formatDay } from "./learner-days.ts";
import { presentQuestion, type QuestionView } from "./present-question.ts";
import { type IndexedQuestion, versionQuestions } from "./question-index.ts";
import { retireCard } from "./retire-cards.ts";
import { ReviewCard } from "./review-card-model.ts";
import { ReviewDay } from "./review-day-model.ts";
import { currentStreak } from "./streak.ts";
import {
  dueTodayCount,
  moduleLookup,
  nextDueAfterToday,
  type ReviewSettings,
  type TodaysReview,
  todaysReview,
} from "./todays-review.ts";

export interface LessonLink {
  href: string;
  title: string;
  moduleTitle: string;
}

export interface CardScreen {
  kind: "card";
  cardId: string;
  position: number;
  total: number;
  moduleTitle: string;
  question: QuestionView;
  /** When the server showed the card (ms), sent back with the answer to time it. */
  shown: number;
}

export interface SummaryScreen {
  kind: "summary";
  total: number;
  right: number;
  missed: { prompt: string; lesson: LessonLink }[];
  streak: number;
  nextDue: string | null;
}

export interface NothingDueScreen {
  kind: "nothing-due";
  nextDue: string | null;
  hasCards: boolean;
}

export type ReviewScreen = CardScreen | SummaryScreen | NothingDueScreen;

export function lessonLink(
  slug: string,
  moduleTitle: string,
  indexed: IndexedQuestion,
): LessonLink {
  return indexed.lesson
    ? {
        href: `/review/lessons/${slug}/${indexed.lesson.id}`,
        title: indexed.lesson.title,
        moduleTitle,
      }
    : { href: `/modules/${slug}`, title: moduleTitle, moduleTitle };
}

/** "Thursday 4 December" for the next day with due cards (tomorrow when some were left over). */
async function nextDueText(userId: mongoose.Types.ObjectId, now: Date, s: ReviewSettings) {
  const { end } = dayBounds(now, s.timeZone);
  const leftOver = await dueTodayCount(userId, now, s.timeZone, 1);
  if (leftOver > 0) return formatDay(end, s.timeZone);
  const next = await nextDueAfterToday(userId, now, s.timeZone);
  return next ? formatDay(next, s.timeZone) : null;
}

async function summary(
  review: TodaysReview,
  now: Date,
  settings: ReviewSettings,
): Promise<SummaryScreen> {
  const cards = await ReviewCard.find({ _id: { $in: review.cardIds } })
    .select("moduleId questionId slug")
    .lean();
  const byId = new Map(cards.map((c) => [c._id.toString(), c]));
  const missed: SummaryScreen["missed"] = [];
  for (const a of review.answers) {
    if (a.correct) continue;
    const card = byId.get(a.cardId.toString());
    if (!card) continue;
    const module = await versionQuestions(card.moduleId, a.version);
    const indexed = module?.questions.get(card.questionId);
    if (!module || !indexed) continue;
    missed.push({
      prompt: indexed.question.prompt,
      lesson: lessonLink(module.slug, module.title, indexed),
    });
  }
  const { streak } = await currentStreak(review.userId, now, settings.timeZone);
  return {
    kind: "summary",
    total: review.answers.length,
    right: review.answers.filter((a) => a.correct).length,
    missed,
    streak,
    nextDue: await nextDueText(review.userId, now, settings),
  };
}

async function dropFromDay(review: TodaysReview, cardId: mongoose.Types.ObjectId, now: Date) {
  await retireCard(cardId);
  const after = await ReviewDay.findOneAndUpdate(
    { _id: review._id },
    { $pull: { cardIds: cardId } },
    { returnDocument: "after", projection: { answers: 1, cardIds: 1 } },
  ).lean();
  review.cardIds = review.cardIds.filter((id) => !id.equals(cardId));
  if (after && after.answers.length >= after.cardIds.length)
    await finishDay(review.userId, review.day, review.dueBeforeToday, now);
}

/** What /review shows now: the next unanswered card, the day's summary, or when to come back. */
export async function reviewScreen(
  userId: string,
  now: Date,
  settings: ReviewSettings,
): Promise<ReviewScreen> {
  const uid = new mongoose.Types.ObjectId(userId);
  const review = await todaysReview(uid, now, settings);
  if (!review) {
    const hasCards = (await ReviewCard.exists({ userId: uid, retired: false })) !== null;
    const next = await nextDueAfterToday(uid, now, settings.timeZone);
    return {
      kind: "nothing-due",
      hasCards,
      nextDue: next ? formatDay(next, settings.timeZone) : null,
    };
  }
  const answered = new Set(review.answers.map((a) => a.cardId.toString()));
  const lookup = moduleLookup();
  for (const [index, cardId] of review.cardIds.entries()) {
    if (answered.has(cardId.toString())) continue;
    const card = await ReviewCard.findOne({ _id: cardId, userId: uid })
      .select("moduleId questionId")
      .lean();
    const module = card ? await lookup(card.moduleId) : null;
    const indexed = card ? module?.questions.get(card.questionId) : undefined;
    if (!card || !module || !indexed) {
      // The question left its module after the day's review was chosen: drop it from the day.
      await dropFromDay(review, cardId, now);
      continue;
    }
    return {
      kind: "card",
      cardId: cardId.toString(),
      position: index + 1,
      total: review.cardIds.length,
      moduleTitle: module.title,
      question: presentQuestion(indexed.question, {
        answered: false,
        seed: `${cardId.toString()}:${review.day}`,
      }),
      shown: now.getTime(),
    };
  }
  return summary(review, now, settings);
}

export interface FeedbackScreen {
  cardId: string;
  position: number;
  total: number;
  moduleTitle: string;
  question: QuestionView;
  correct: boolean;
  lesson: LessonLink;
  last: boolean;
}

/** A card just answered: the learner's answer with the option feedback, and what comes next. */
export async function feedbackScreen(
  userId: string,
  cardId: string,
  now: Date,
  settings: ReviewSettings,
): Promise<FeedbackScreen> {
  if (!mongoose.isValidObjectId(cardId)) throw notFound("Review question");
  const uid = new mongoose.Types.ObjectId(userId);
  const { day } = dayBounds(now, settings.timeZone);
  const review = await ReviewDay.findOne({ userId: uid, day }).lean();
  const answer = review?.answers.find((a) => a.cardId.toString() === cardId);
  if (!review || !answer) throw notFound("Answer");
  const card = await ReviewCard.findOne({ _id: answer.cardId, userId: uid })
    .select("moduleId questionId")
    .lean();
  const module = card ? await versionQuestions(card.moduleId, answer.version) : null;
  const indexed = card ? module?.questions.get(card.questionId) : undefined;
  if (!module || !indexed) throw new HttpError(404, "This question is no longer in its module.");
  return {
    cardId,
    position: review.cardIds.findIndex((id) => id.toString() === cardId) + 1,
    total: review.cardIds.length,
    moduleTitle: module.title,
    question: presentQuestion(indexed.question, {
      answer: answer.response,
      answered: true,
      seed: `${cardId}:${review.day}`,
    }),
    correct: answer.correct,
    lesson: lessonLink(module.slug, module.title, indexed),
    last: review.answers.length >= review.cardIds.length,
  };
}
