import assert from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";
import mongoose from "mongoose";
import { Rating } from "ts-fsrs";
import { LearnerPrefs } from "../../server/account/learner-prefs-model.ts";
import { createUser } from "../../server/auth/create-user.ts";
import { User } from "../../server/auth/user-model.ts";
import { createLogger } from "../../server/http/logger.ts";
import { claimJob } from "../../server/jobs/job-lease.ts";
import { Job } from "../../server/jobs/job-model.ts";
import { startJobRunner } from "../../server/jobs/job-runner.ts";
import type { Mailer, MailMessage } from "../../server/mail/mailer.ts";
import { addDays, dayBounds } from "../../server/review/learner-days.ts";
import { ReviewDay } from "../../server/review/review-day-model.ts";
import { sendDueReminders } from "../../server/review/send-reminders.ts";
import { SentReminder } from "../../server/review/sent-reminder-model.ts";
import { updateCard } from "../../server/review/update-card.ts";
import { connectTestDatabase } from "../helpers/database.ts";

const logger = createLogger("silent");
let db: Awaited<ReturnType<typeof connectTestDatabase>>;
before(async () => {
  db = await connectTestDatabase(import.meta.url);
});
after(async () => {
  await db.drop();
});

describe("job leases", () => {
  test("of ten processes claiming a due job at once, exactly one gets it", async () => {
    const now = new Date();
    const claims = await Promise.all(
      Array.from({ length: 10 }, () => claimJob("race", now, 60_000)),
    );
    assert.equal(claims.filter(Boolean).length, 1);
    const lease = claims.find(Boolean);
    assert.ok(lease);
    // Held: nobody else; released with the next run a minute on: still nobody until then.
    assert.equal(await claimJob("race", new Date(now.getTime() + 1000), 60_000), null);
    await lease.release(now, new Date(now.getTime() + 60_000), null);
    assert.equal(await claimJob("race", new Date(now.getTime() + 30_000), 60_000), null);
    assert.ok(await claimJob("race", new Date(now.getTime() + 60_000), 60_000));
  });

  test("a lease that expires (its process died) is taken over, and the old holder loses it", async () => {
    const t0 = new Date();
    const first = await claimJob("crash", t0, 10_000);
    assert.ok(first);
    const later = new Date(t0.getTime() + 10_001);
    const second = await claimJob("crash", later, 10_000);
    assert.ok(second, "taken over after the lease ran out");
    assert.equal(await first.renew(later), false, "the old holder cannot renew");
    await first.release(later, new Date(0), "late");
    const doc = await Job.findById("crash").lean();
    assert.equal(doc?.lockedBy, second.token, "nor release someone else's lease");
  });

  test("runners in two 'processes' run a job once per interval", async () => {
    let runs = 0;
    const job = {
      name: "counted",
      everyMs: 60_000,
      leaseMs: 60_000,
      run: async () => {
        runs++;
        await new Promise((r) => setTimeout(r, 50));
      },
    };
    const runners = [1, 2].map(() => startJobRunner({ jobs: [job], pollMs: 20, logger }));
    await new Promise((r) => setTimeout(r, 600));
    await Promise.all(runners.map((r) => r.stop()));
    assert.equal(runs, 1);
  });
});

// --- reminders

class MemoryMailer implements Mailer {
  readonly kind = "outbox" as const;
  sent: MailMessage[] = [];
  failNext = 0;
  async send(m: MailMessage) {
    await new Promise((r) => setTimeout(r, 5));
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error("SMTP said no");
    }
    this.sent.push(m);
    return { messageId: String(this.sent.length) };
  }
  close() {}
}

const ZONE = "Europe/Berlin";

async function learner(email: string, opts: { due: boolean; reminderTime?: string | null }) {
  await createUser({ email, displayName: email.split("@")[0], password: "learner password 1" });
  const user = await User.findOne({ email }).lean();
  const userId = user?._id as mongoose.Types.ObjectId;
  const answeredAt = new Date(Date.now() - (opts.due ? 3 : 0) * 86_400_000);
  await updateCard({
    key: { userId, moduleId: new mongoose.Types.ObjectId(), questionId: "q1" },
    create: { kind: "quiz", slug: "m" },
    rating: opts.due ? Rating.Again : Rating.Easy,
    correct: !opts.due,
    version: 1,
    at: answeredAt,
    notBefore: null,
  });
  const reminderTime = opts.reminderTime === undefined ? "08:00" : opts.reminderTime;
  await LearnerPrefs.collection.insertOne({
    userId,
    reminderTime,
    timeZone: ZONE,
    dailyReviewSize: 10,
    nextReminderAt: reminderTime ? new Date(Date.now() - 60_000) : null,
    unsubscribedAt: null,
  });
  return userId;
}

describe("review reminders", () => {
  const mailer = new MemoryMailer();
  const deps = { mailer, publicUrl: "https://r.example", secret: "s".repeat(40), logger };
  const run = (at = new Date()) => sendDueReminders(deps, { now: () => at });
  let due: mongoose.Types.ObjectId;

  beforeEach(() => {
    mailer.sent = [];
  });

  test("two runs at once send one reminder to each learner with cards due, and no one else", async () => {
    due = await learner("due@example.com", { due: true });
    await learner("notdue@example.com", { due: false });
    await learner("off@example.com", { due: true, reminderTime: null });
    const done = await learner("done@example.com", { due: true });
    const gone = await learner("gone@example.com", { due: true });
    await User.updateOne({ _id: gone }, { $set: { disabled: true } });
    await ReviewDay.create({
      userId: done,
      day: dayBounds(new Date(), ZONE).day,
      timeZone: ZONE,
      cardIds: [],
      finishedAt: new Date(),
    });

    await Promise.all([run(), run(), run()]);
    assert.deepEqual(
      mailer.sent.map((m) => m.to),
      ["due@example.com"],
    );
    const mail = mailer.sent[0];
    assert.match(mail?.text ?? "", /You have 1 question to review today/);
    assert.match(
      mail?.text ?? "",
      /https:\/\/r\.example\/reminders\/unsubscribe\?u=[0-9a-f]{24}&s=/,
    );
    assert.match(mail?.headers?.["List-Unsubscribe"] ?? "", /^<https:\/\/r\.example\/reminders/);
    // Everyone who was looked at moves on to their reminder time tomorrow.
    const next = await LearnerPrefs.findOne({ userId: due }).lean();
    assert.ok((next?.nextReminderAt?.getTime() ?? 0) > Date.now());
  });

  test("the per-day marker, not the schedule, keeps it to one a day", async () => {
    // The learner moves their reminder to "now" again the same day: the job looks again...
    await LearnerPrefs.updateOne({ userId: due }, { $set: { nextReminderAt: new Date() } });
    await run();
    assert.equal(mailer.sent.length, 0, "...and sends nothing: today's marker is there");
    assert.equal(await SentReminder.countDocuments({ userId: due }), 1);

    // Tomorrow, at the learner's time, there is one again.
    const tomorrow = new Date(Date.now() + 86_400_000);
    await LearnerPrefs.updateOne({ userId: due }, { $set: { nextReminderAt: tomorrow } });
    await run(new Date(tomorrow.getTime() + 1000));
    // (Other learners whose own time has come by then get theirs too: after 08:00 in Berlin, the
    // ones this file set up at 08:00 are due again tomorrow as well.)
    assert.equal(mailer.sent.filter((m) => m.to === "due@example.com").length, 1);
    const days = (await SentReminder.find({ userId: due }).lean()).map((s) => s.day).sort();
    assert.deepEqual(days, [
      dayBounds(new Date(), ZONE).day,
      addDays(dayBounds(new Date(), ZONE).day, 1),
    ]);
  });

  test("a failed send gives the day back and is tried again a few minutes later", async () => {
    const retry = await learner("retry@example.com", { due: true });
    mailer.failNext = 1;
    const now = new Date();
    const first = await run(now);
    assert.equal(first.failed, 1);
    assert.equal(await SentReminder.countDocuments({ userId: retry }), 0);
    const prefs = await LearnerPrefs.findOne({ userId: retry }).lean();
    assert.equal(prefs?.nextReminderAt?.getTime(), now.getTime() + 5 * 60_000);
    await run(new Date(now.getTime() + 5 * 60_000));
    assert.deepEqual(
      mailer.sent.map((m) => m.to),
      ["retry@example.com"],
    );
  });
});
