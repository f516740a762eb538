import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import mongoose from "mongoose";
import { finishDay } from "../../server/review/answer-review-card.ts";
import { ReviewCard } from "../../server/review/review-card-model.ts";
import { ReviewDay } from "../../server/review/review-day-model.ts";
import { currentStreak, recordFinishedDay } from "../../server/review/streak.ts";
import { connectTestDatabase } from "../helpers/database.ts";

let db: Awaited<ReturnType<typeof connectTestDatabase>>;
before(async () => {
  db = await connectTestDatabase(import.meta.url);
});
after(async () => {
  await db.drop();
});

const at = (day: string, time = "12:00") => new Date(`${day}T${time}:00Z`);

test("days in a row count; a missed day with cards due breaks it; a day with none due does not", async () => {
  const user = new mongoose.Types.ObjectId();
  assert.equal(await recordFinishedDay(user, "2025-05-01", false), 1);
  assert.equal(await recordFinishedDay(user, "2025-05-01", false), 1, "the same day twice");
  assert.equal(await recordFinishedDay(user, "2025-05-02", true), 2);
  // 3 May had cards due and no review: 4 May starts again.
  assert.equal(await recordFinishedDay(user, "2025-05-04", true), 1);
  // 5 and 6 May had nothing due: 7 May carries on.
  assert.equal(await recordFinishedDay(user, "2025-05-07", false), 2);
  assert.equal(await recordFinishedDay(user, "2025-05-08", true), 3);
});

test("the streak shown: alive through today and yesterday, and through days with nothing due", async () => {
  const user = new mongoose.Types.ObjectId();
  await recordFinishedDay(user, "2025-06-10", false);
  await recordFinishedDay(user, "2025-06-11", true);
  assert.deepEqual(await currentStreak(user, at("2025-06-11"), "UTC"), {
    streak: 2,
    finishedToday: true,
    best: 2,
  });
  assert.equal((await currentStreak(user, at("2025-06-12"), "UTC")).streak, 2);
  // Two days later with nothing overdue: still alive. With a card due since yesterday: gone.
  assert.equal((await currentStreak(user, at("2025-06-14"), "UTC")).streak, 2);
  await ReviewCard.collection.insertOne({
    userId: user,
    moduleId: new mongoose.Types.ObjectId(),
    questionId: "q",
    due: at("2025-06-13", "09:00"),
  });
  assert.equal((await currentStreak(user, at("2025-06-14"), "UTC")).streak, 0);
  // The day boundary is the learner's: 23:30 UTC on the 12th is already the 13th in Tokyo.
  assert.equal((await currentStreak(user, at("2025-06-12", "23:30"), "Asia/Tokyo")).streak, 2);
});

test("two tabs finishing the same day at once extend the streak once", async () => {
  const userId = new mongoose.Types.ObjectId();
  await recordFinishedDay(userId, "2025-07-01", false);
  await ReviewDay.create({ userId, day: "2025-07-02", timeZone: "UTC", cardIds: [] });
  await Promise.all([
    finishDay(userId, "2025-07-02", true, at("2025-07-02")),
    finishDay(userId, "2025-07-02", true, at("2025-07-02")),
    finishDay(userId, "2025-07-02", true, at("2025-07-02")),
  ]);
  assert.equal((await currentStreak(userId, at("2025-07-02"), "UTC")).streak, 2);
});
