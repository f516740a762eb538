import mongoose from "mongoose";
import { isDuplicateKey } from "../db/duplicate-key.ts";
import { dayBounds } from "./learner-days.ts";
import { currentQuestions, type VersionQuestions } from "./question-index.ts";
import { retireCard } from "./retire-cards.ts";
import { ReviewCard, type ReviewCardRecord } from "./review-card-model.ts";
import { ReviewDay, type ReviewDayRecord } from "./review-day-model.ts";
import { retrievability } from "./scheduler.ts";

export interface ReviewSettings {
  timeZone: string;
  dailyReviewSize: number;
}

// Only what ordering needs: a learner may have thousands of cards due after a long break.
const CANDIDATE_FIELDS = {
  moduleId: 1,
  questionId: 1,
  due: 1,
  stability: 1,
  reps: 1,
  state: 1,
  lastReview: 1,
  lastCorrect: 1,
} as const;

type Candidate = Pick<ReviewCardRecord, keyof typeof CANDIDATE_FIELDS | "_id">;

/**
 * The order a day's cards are shown in: questions missed last time first, then the ones the
 * learner is least likely to remember now (FSRS retrievability), then the longest overdue.
 */
export function reviewOrder(cards: Candidate[], now: Date): Candidate[] {
  const keyed = cards.map((c) => ({
    c,
    missed: c.lastCorrect === false ? 0 : 1,
    r: retrievability(c, now),
    due: c.due?.getTime() ?? 0,
  }));
  keyed.sort(
    (a, b) =>
      a.missed - b.missed ||
      a.r - b.r ||
      a.due - b.due ||
      a.c._id.toString().localeCompare(b.c._id.toString()),
  );
  return keyed.map((k) => k.c);
}

/** Modules' current questions, each looked up once per build. */
export function moduleLookup() {
  const seen = new Map<string, Promise<VersionQuestions | null>>();
  return (moduleId: mongoose.Types.ObjectId) => {
    const key = moduleId.toString();
    let hit = seen.get(key);
    if (!hit) {
      hit = currentQuestions(moduleId);
      seen.set(key, hit);
    }
    return hit;
  };
}

/**
 * Picks today's cards: everything due before the learner's day ends, in review order, at most the
 * daily number, skipping (and retiring) cards whose question has left its module.
 */
export async function pickTodaysCards(
  userId: mongoose.Types.ObjectId,
  now: Date,
  settings: ReviewSettings,
): Promise<{ cardIds: mongoose.Types.ObjectId[]; dueBeforeToday: boolean }> {
  const { start, end } = dayBounds(now, settings.timeZone);
  const due = (await ReviewCard.collection
    .find({ userId, due: { $lt: end } }, { projection: CANDIDATE_FIELDS })
    .toArray()) as unknown as Candidate[];
  const dueBeforeToday = due.some((c) => (c.due?.getTime() ?? 0) < start.getTime());
  const lookup = moduleLookup();
  const cardIds: mongoose.Types.ObjectId[] = [];
  for (const card of reviewOrder(due, now)) {
    if (cardIds.length >= settings.dailyReviewSize) break;
    const module = await lookup(card.moduleId);
    if (!module?.questions.has(card.questionId)) {
      await retireCard(card._id);
      continue;
    }
    cardIds.push(card._id);
  }
  return { cardIds, dueBeforeToday };
}

export type TodaysReview = ReviewDayRecord;

/**
 * Today's review for a learner: the one already begun today, or a new one if anything is due.
 * Null when nothing is due. The unique (userId, day) index makes two tabs opening it at once
 * share one review.
 */
export async function todaysReview(
  userId: string | mongoose.Types.ObjectId,
  now: Date,
  settings: ReviewSettings,
): Promise<TodaysReview | null> {
  const uid = new mongoose.Types.ObjectId(String(userId));
  const { day } = dayBounds(now, settings.timeZone);
  const existing = await ReviewDay.findOne({ userId: uid, day }).lean();
  if (existing) return existing as TodaysReview;
  const { cardIds, dueBeforeToday } = await pickTodaysCards(uid, now, settings);
  if (cardIds.length === 0) return null;
  try {
    const created = await ReviewDay.create({
      userId: uid,
      day,
      timeZone: settings.timeZone,
      cardIds,
      dueBeforeToday,
    });
    return created.toObject() as TodaysReview;
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    return (await ReviewDay.findOne({ userId: uid, day }).lean()) as TodaysReview | null;
  }
}

/** When the learner's next card falls due after today (null: no active cards). */
export async function nextDueAfterToday(
  userId: string | mongoose.Types.ObjectId,
  now: Date,
  timeZone: string,
): Promise<Date | null> {
  const { end } = dayBounds(now, timeZone);
  const next = await ReviewCard.collection.findOne(
    { userId: new mongoose.Types.ObjectId(String(userId)), due: { $gte: end } },
    { sort: { due: 1 }, projection: { due: 1 } },
  );
  return (next?.due as Date | undefined) ?? null;
}

/**
 * Cards due before today ends, counted up to `limit` (a find with a limit stops reading at the
 * limit; a count with one, on the embedded database, reads every match first).
 */
export async function dueTodayCount(
  userId: string | mongoose.Types.ObjectId,
  now: Date,
  timeZone: string,
  limit: number,
): Promise<number> {
  const { end } = dayBounds(now, timeZone);
  const found = await ReviewCard.collection
    .find(
      { userId: new mongoose.Types.ObjectId(String(userId)), due: { $lt: end } },
      { projection: { _id: 1 }, limit },
    )
    .toArray();
  return found.length;
}
