import mongoose from "mongoose";
import { isDuplicateKey } from "../db/duplicate-key.ts";
import { addDays, dayBounds } from "./learner-days.ts";
import { ReviewCard } from "./review-card-model.ts";
import { ReviewStreak } from "./review-streak-model.ts";

// A streak counts days with a finished review. A day with nothing due neither counts nor breaks
// it: the streak only breaks when a day passes on which cards were due and the review was not
// finished, which shows as a card that was already due before today began.

const oid = (id: string | mongoose.Types.ObjectId) => new mongoose.Types.ObjectId(String(id));

/**
 * A day's review was finished. Each step is one conditional single-document update, so a second
 * finish on the same day (two tabs) changes nothing.
 */
export async function recordFinishedDay(
  userId: string | mongoose.Types.ObjectId,
  day: string,
  dueBeforeToday: boolean,
): Promise<number> {
  const uid = oid(userId);
  const continued = await ReviewStreak.collection.findOneAndUpdate(
    dueBeforeToday
      ? { userId: uid, lastFinishedDay: addDays(day, -1) }
      : { userId: uid, lastFinishedDay: { $lt: day } },
    { $set: { lastFinishedDay: day }, $inc: { streak: 1 } },
    { returnDocument: "after" },
  );
  if (continued) {
    const streak = Number(continued.streak);
    await ReviewStreak.collection.updateOne({ userId: uid }, { $max: { best: streak } });
    return streak;
  }
  try {
    const restarted = await ReviewStreak.collection.findOneAndUpdate(
      { userId: uid, lastFinishedDay: { $ne: day } },
      { $set: { lastFinishedDay: day, streak: 1 }, $max: { best: 1 } },
      { upsert: true, returnDocument: "after" },
    );
    return Number(restarted?.streak ?? 1);
  } catch (err) {
    // Already finished today (the filter missed and the insert hit the unique userId).
    if (!isDuplicateKey(err)) throw err;
    const doc = await ReviewStreak.collection.findOne({ userId: uid });
    return Number(doc?.streak ?? 0);
  }
}

/** The streak as of now: still alive if yesterday or today was finished, or nothing was missed. */
export async function currentStreak(
  userId: string | mongoose.Types.ObjectId,
  now: Date,
  timeZone: string,
): Promise<{ streak: number; finishedToday: boolean; best: number }> {
  const uid = oid(userId);
  const doc = await ReviewStreak.collection.findOne({ userId: uid });
  if (!doc) return { streak: 0, finishedToday: false, best: 0 };
  const { day, start } = dayBounds(now, timeZone);
  const last = String(doc.lastFinishedDay);
  const streak = Number(doc.streak);
  const best = Number(doc.best ?? streak);
  if (last === day) return { streak, finishedToday: true, best };
  if (last === addDays(day, -1)) return { streak, finishedToday: false, best };
  const missed = await ReviewCard.collection.findOne(
    { userId: uid, due: { $lt: start } },
    { projection: { _id: 1 } },
  );
  return { streak: missed ? 0 : streak, finishedToday: false, best };
}
