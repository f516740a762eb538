// npm run bench:review — how long the review's two hot reads take on the embedded database:
// building today's review for one learner with 2,000 cards (all due), and the due counts of
// 10,000 learners (the dashboard's query, and the reminder job's whole pass over them). Prints
// figures; the last line is one JSON object. Not a pass/fail test.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import mongoose from "mongoose";
import { LearnerPrefs } from "../../server/account/learner-prefs-model.ts";
import { User } from "../../server/auth/user-model.ts";
import { publishModule } from "../../server/authoring/publish-module.ts";
import { Module } from "../../server/content/module-model.ts";
import type { ModuleContentInput } from "../../server/content/module-schema.ts";
import { startEmbeddedMongo } from "../../server/db/embedded-mongo.ts";
import { createLogger } from "../../server/http/logger.ts";
import type { Mailer } from "../../server/mail/mailer.ts";
import { ReviewCard } from "../../server/review/review-card-model.ts";
import { ReviewDay } from "../../server/review/review-day-model.ts";
import { sendDueReminders } from "../../server/review/send-reminders.ts";
import { dueTodayCount, todaysReview } from "../../server/review/todays-review.ts";

const CARDS = Number(process.env.BENCH_CARDS ?? 2000);
const LEARNERS = Number(process.env.BENCH_LEARNERS ?? 10_000);
const CARDS_PER_LEARNER = Number(process.env.BENCH_CARDS_PER_LEARNER ?? 5);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const DAY = 86_400_000;

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};
const ms = (n: number) => Math.round(n * 10) / 10;
async function timed<T>(f: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const v = await f();
  return [performance.now() - t, v];
}

/** A valid module with 12 lessons of 3 checks and a 30-question quiz: 66 graded questions. */
function syntheticModule(n: number): ModuleContentInput {
  const q = (id: string) => ({
    id,
    type: "single" as const,
    prompt: `Which of these is the better choice in situation ${id}?`,
    options: [
      { text: "The first option", correct: true, feedback: "Right, because it names the act." },
      { text: "The second option", feedback: "Not quite: it is vague." },
      { text: "The third option", feedback: "Not quite: it blames." },
    ],
  });
  return {
    slug: `bench-${n}`,
    title: `Bench module ${n}`,
    summary: "A module made up for the review benchmark.",
    topics: ["bench"],
    minutes: 10,
    passMark: 80,
    lessons: Array.from({ length: 12 }, (_, l) => ({
      id: `lesson-${l}`,
      title: `Lesson ${l}`,
      minutes: 2,
      markdown: `Lesson ${l} of module ${n}: choices, situations and better options.`,
      checks: [0, 1, 2].map((c) => q(`l${l}-c${c}`)),
    })),
    quiz: Array.from({ length: 30 }, (_, i) => q(`quiz-${i}`)),
  };
}

function cardFields(
  userId: mongoose.Types.ObjectId,
  moduleId: mongoose.Types.ObjectId,
  questionId: string,
  due: Date,
  i: number,
) {
  const lastReview = new Date(due.getTime() - (1 + (i % 9)) * DAY);
  return {
    userId,
    moduleId,
    questionId,
    kind: questionId.startsWith("quiz-") ? "quiz" : "check",
    slug: "bench",
    due,
    stability: 1 + (i % 17),
    difficulty: 1 + (i % 9),
    scheduledDays: 1 + (i % 9),
    learningSteps: 0,
    reps: 1 + (i % 5),
    lapses: i % 3,
    state: 2,
    lastReview,
    lastCorrect: i % 4 !== 0,
    lastVersion: 1,
    retired: false,
  };
}

const dataDir = mkdtempSync(join(tmpdir(), "rapport-bench-review-"));
const embedded = await startEmbeddedMongo({ dataDir, log: () => {} });
try {
  await mongoose.connect(embedded.uri, { dbName: "bench" });
  await mongoose.connection.syncIndexes();
  const now = new Date();

  // --- one learner, 2,000 cards, all due
  const modules = Math.ceil(CARDS / 66);
  const moduleIds: mongoose.Types.ObjectId[] = [];
  for (let n = 0; n < modules; n++) {
    const content = syntheticModule(n);
    const mod = await Module.create({
      slug: content.slug,
      title: content.title,
      draft: content,
      source: "authoring",
    });
    await publishModule({ moduleId: mod._id });
    moduleIds.push(mod._id);
  }
  const questionIds = [
    ...Array.from({ length: 12 }, (_, l) => [0, 1, 2].map((c) => `l${l}-c${c}`)).flat(),
    ...Array.from({ length: 30 }, (_, i) => `quiz-${i}`),
  ];
  const learner = new mongoose.Types.ObjectId();
  const cards = Array.from({ length: CARDS }, (_, i) =>
    cardFields(
      learner,
      moduleIds[Math.floor(i / 66)] as mongoose.Types.ObjectId,
      questionIds[i % 66] ?? "",
      new Date(now.getTime() - (i % 30) * DAY - 60_000),
      i,
    ),
  );
  await ReviewCard.collection.insertMany(cards, { ordered: false });
  const settings = { timeZone: "UTC", dailyReviewSize: 10 };
  const build: number[] = [];
  for (let r = 0; r < RUNS + 1; r++) {
    await ReviewDay.deleteMany({ userId: learner });
    const [t, review] = await timed(() => todaysReview(learner, now, settings));
    if (review?.cardIds.length !== 10) throw new Error("the build did not pick 10 cards");
    build.push(t);
  }
  const cold = build.shift() ?? 0;
  const [resumeMs] = await timed(() => todaysReview(learner, now, settings));
  console.log(
    `today's review, 1 learner with ${CARDS} cards due: first build ${ms(cold)} ms (content not cached), then p50 ${ms(percentile(build, 50))} ms, p95 ${ms(percentile(build, 95))} ms; reopening the built review ${ms(resumeMs)} ms`,
  );

  // --- 10,000 learners, 5 cards each, reminder time come
  const users: Record<string, unknown>[] = [];
  const prefs: Record<string, unknown>[] = [];
  let many: Record<string, unknown>[] = [];
  const learners: mongoose.Types.ObjectId[] = [];
  for (let u = 0; u < LEARNERS; u++) {
    const userId = new mongoose.Types.ObjectId();
    learners.push(userId);
    users.push({
      _id: userId,
      email: `l${u}@bench.test`,
      displayName: `L${u}`,
      passwordHash: "x",
      role: "learner",
      disabled: false,
    });
    prefs.push({
      userId,
      reminderTime: "08:00",
      timeZone: "UTC",
      dailyReviewSize: 10,
      nextReminderAt: new Date(now.getTime() - 60_000),
      unsubscribedAt: null,
    });
    for (let c = 0; c < CARDS_PER_LEARNER; c++) {
      // Half the learners have something due today.
      const due = new Date(now.getTime() + (u % 2 === 0 ? -DAY : 3 * DAY) + c * 60_000);
      many.push(
        cardFields(
          userId,
          moduleIds[0] as mongoose.Types.ObjectId,
          questionIds[c] ?? "",
          due,
          u + c,
        ),
      );
    }
    if (many.length >= 5000) {
      await ReviewCard.collection.insertMany(many, { ordered: false });
      many = [];
    }
  }
  if (many.length) await ReviewCard.collection.insertMany(many, { ordered: false });
  await User.collection.insertMany(users, { ordered: false });
  await LearnerPrefs.collection.insertMany(prefs, { ordered: false });
  const totalCards = await ReviewCard.estimatedDocumentCount();

  const counts: number[] = [];
  for (const userId of learners.slice(0, 500)) {
    const [t] = await timed(() => dueTodayCount(userId, now, "UTC", 10));
    counts.push(t);
  }
  const [allCountsMs, withDue] = await timed(async () => {
    let n = 0;
    for (const userId of learners) if ((await dueTodayCount(userId, now, "UTC", 10)) > 0) n++;
    return n;
  });
  console.log(
    `due counts, ${LEARNERS} learners (${totalCards} cards in all): one learner's count p50 ${ms(percentile(counts, 50))} ms, p95 ${ms(percentile(counts, 95))} ms; all ${LEARNERS} one by one ${ms(allCountsMs)} ms (${withDue} have cards due)`,
  );

  const nullMailer: Mailer = { kind: "outbox", send: async () => ({ messageId: "x" }), close() {} };
  const deps = {
    mailer: nullMailer,
    publicUrl: "http://bench",
    secret: "s".repeat(40),
    logger: createLogger("silent"),
  };
  const [passMs, outcome] = await timed(() => sendDueReminders(deps, { now: () => now }));
  console.log(
    `reminder job, one pass over ${LEARNERS} learners whose reminder time has come: ${ms(passMs)} ms (${outcome.sent} reminders, ${outcome["nothing-due"]} with nothing due)`,
  );
  console.log(
    JSON.stringify({
      cards: CARDS,
      buildP50Ms: ms(percentile(build, 50)),
      buildP95Ms: ms(percentile(build, 95)),
      buildColdMs: ms(cold),
      learners: LEARNERS,
      dueCountP50Ms: ms(percentile(counts, 50)),
      allDueCountsMs: ms(allCountsMs),
      reminderPassMs: ms(passMs),
      remindersSent: outcome.sent,
    }),
  );
} finally {
  await mongoose.disconnect();
  await embedded.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
