import mongoose from "mongoose";
import { ensurePrefs, type PrefsDefaults } from "../account/learner-prefs.ts";
import { dayBounds, formatDay } from "./learner-days.ts";
import { ReviewCard } from "./review-card-model.ts";
import { ReviewDay } from "./review-day-model.ts";
import { currentStreak } from "./streak.ts";
import { dueTodayCount, nextDueAfterToday } from "./todays-review.ts";

export interface ReviewGlance {
  hasCards: boolean;
  /** Questions left in today's review (at most the daily number). */
  due: number;
  finishedToday: boolean;
  streak: number;
  /** "today", or the day the next card falls due; null when the learner has no cards. */
  nextDue: string | null;
}

/**
 * The dashboard's review panel. A learner with review cards also gets a settings document here
 * (the dashboard is where everyone lands after signing in), so the reminder job can find them.
 */
export async function reviewGlance(
  userId: string,
  now: Date,
  defaults: PrefsDefaults,
): Promise<ReviewGlance> {
  const uid = new mongoose.Types.ObjectId(userId);
  const hasCards = (await ReviewCard.exists({ userId: uid })) !== null;
  if (!hasCards) return { hasCards, due: 0, finishedToday: false, streak: 0, nextDue: null };
  const prefs = await ensurePrefs(uid, defaults, now);
  const zone = prefs.timeZone;
  const { day, end } = dayBounds(now, zone);
  const today = await ReviewDay.findOne({ userId: uid, day })
    .select("cardIds answers.cardId finishedAt")
    .lean();
  const due = today
    ? today.cardIds.length - today.answers.length
    : await dueTodayCount(uid, now, zone, prefs.dailyReviewSize);
  const { streak, finishedToday } = await currentStreak(uid, now, zone);
  let nextDue: string | null = "today";
  if (due === 0) {
    const leftOver = today ? await dueTodayCount(uid, now, zone, 1) : 0;
    const next = leftOver > 0 ? end : await nextDueAfterToday(uid, now, zone);
    nextDue = next ? formatDay(next, zone) : null;
  }
  return { hasCards, due, finishedToday, streak, nextDue };
}
