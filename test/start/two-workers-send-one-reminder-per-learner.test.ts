import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import mongoose from "mongoose";
import { Rating } from "ts-fsrs";
import { LearnerPrefs } from "../../server/account/learner-prefs-model.ts";
import { createUser } from "../../server/auth/create-user.ts";
import { User } from "../../server/auth/user-model.ts";
import { Job } from "../../server/jobs/job-model.ts";
import { SentReminder } from "../../server/review/sent-reminder-model.ts";
import { unsubscribeUrl } from "../../server/review/unsubscribe-link.ts";
import { updateCard } from "../../server/review/update-card.ts";
import { connectTestDatabase, testServerUri } from "../helpers/database.ts";
import { HttpClient } from "../helpers/http-client.ts";
import { type RunningApp, startRunningApp, stopRunningApp } from "../helpers/running-app.ts";
import { linkIn, type SmtpInbox, startSmtpInbox } from "../helpers/smtp-inbox.ts";

// `npm start` with WEB_CONCURRENCY=2: both workers run the job runner and poll every second, on a
// database this test also reads, mailing through a real SMTP server in this process. Each learner
// with cards due gets exactly one reminder; one who unsubscribed through the signed link gets none.

const SECRET = "cluster-test-secret-cluster-test-secret!";
const PUBLIC_URL = "http://rapport.test";
const DUE = ["a@example.com", "b@example.com", "c@example.com", "d@example.com"];
const LEAVER = "leaver@example.com";

const dataDir = mkdtempSync(join(tmpdir(), "rapport-reminders-"));
let db: Awaited<ReturnType<typeof connectTestDatabase>>;
let inbox: SmtpInbox;
let app: RunningApp;
const ids = new Map<string, mongoose.Types.ObjectId>();

async function learnerWithDueCards(email: string) {
  await createUser({ email, displayName: email.split("@")[0], password: "learner password 1" });
  const userId = (await User.findOne({ email }).lean())?._id as mongoose.Types.ObjectId;
  ids.set(email, userId);
  const moduleId = new mongoose.Types.ObjectId();
  for (const questionId of ["q1", "q2", "q3"]) {
    await updateCard({
      key: { userId, moduleId, questionId },
      create: { kind: "quiz", slug: "trust" },
      rating: Rating.Again,
      correct: false,
      version: 1,
      at: new Date(Date.now() - 2 * 86_400_000),
      notBefore: null,
    });
  }
  // Reminder time not yet come: the test says when.
  await LearnerPrefs.collection.insertOne({
    userId,
    reminderTime: "08:00",
    timeZone: "UTC",
    dailyReviewSize: 10,
    nextReminderAt: new Date(Date.now() + 3_600_000),
    unsubscribedAt: null,
  });
}

before(async () => {
  db = await connectTestDatabase(import.meta.url);
  inbox = await startSmtpInbox();
  for (const email of [...DUE, LEAVER]) await learnerWithDueCards(email);
  app = await startRunningApp({
    dataDir,
    listeners: 2,
    mongodbUri: `${testServerUri()}/${db.dbName}`,
    env: {
      WEB_CONCURRENCY: "2",
      SMTP_URL: inbox.url,
      MAIL_FROM: "Rapport <reminders@rapport.test>",
      PUBLIC_URL,
      SESSION_SECRET: SECRET,
      JOB_POLL_SECONDS: "1",
    },
  });
});
after(async () => {
  if (app) await stopRunningApp(app);
  await inbox?.close();
  await db.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

test("an unsubscribe link works signed out and cannot be forged", async () => {
  const leaver = String(ids.get(LEAVER));
  const stranger = new HttpClient(app.baseUrl);
  const real = new URL(unsubscribeUrl(PUBLIC_URL, leaver, SECRET));
  const forgedOther = new URL(
    unsubscribeUrl(PUBLIC_URL, String(ids.get("a@example.com")), "x".repeat(40)),
  );
  const forgedSameUser = new URL(
    unsubscribeUrl(PUBLIC_URL, leaver, "not the app's secret at all!!"),
  );
  for (const link of [forgedOther, forgedSameUser]) {
    const res = await stranger.request(`${link.pathname}${link.search}`, { method: "POST" });
    assert.equal(res.status, 400);
  }
  assert.ok(
    (await LearnerPrefs.findOne({ userId: ids.get("a@example.com") }).lean())?.reminderTime,
  );
  const res = await stranger.request(`${real.pathname}${real.search}`, { method: "POST" });
  assert.equal(res.status, 200);
  assert.equal(
    (await LearnerPrefs.findOne({ userId: ids.get(LEAVER) }).lean())?.reminderTime,
    null,
  );
});

test("two workers running the job runner send exactly one reminder per learner", async () => {
  // Everyone's reminder time comes now.
  await LearnerPrefs.updateMany(
    { reminderTime: { $ne: null } },
    { $set: { nextReminderAt: new Date(Date.now() - 1000) } },
  );
  await inbox.waitFor(
    () => new Set(inbox.mails.flatMap((m) => m.envelopeTo)).size >= DUE.length,
    20_000,
  );
  // Several more polls by both workers: nothing more arrives.
  await new Promise((r) => setTimeout(r, 4000));
  const recipients = inbox.mails.flatMap((m) => m.envelopeTo).sort();
  assert.deepEqual(recipients, [...DUE].sort());
  assert.equal(await SentReminder.countDocuments(), DUE.length);
  const job = await Job.findById("review-reminders").lean();
  assert.ok((job?.runs ?? 0) >= 3, "the job ran on many polls");

  const mail = inbox.mails[0];
  assert.ok(mail);
  assert.equal(mail.subject, "3 questions to review today");
  assert.match(mail.text, /Start your review: http:\/\/rapport\.test\/review/);
  // The link in the mail itself works, signed out.
  const link = new URL(linkIn(mail, "/reminders/unsubscribe"));
  const page = await new HttpClient(app.baseUrl).get(`${link.pathname}${link.search}`);
  assert.equal(page.status, 200);
  assert.match(await page.text(), /Stop reminders/);
});
