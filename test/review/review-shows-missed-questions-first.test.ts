import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type mongoose from "mongoose";
import { type Card, createEmptyCard, fsrs, Rating, type State } from "ts-fsrs";
import { User } from "../../server/auth/user-model.ts";
import { loadCourseLibrary } from "../../server/content/load-course-library.ts";
import { Module } from "../../server/content/module-model.ts";
import { type ModuleContent, moduleContent } from "../../server/content/module-schema.ts";
import { ModuleVersion } from "../../server/content/module-version-model.ts";
import { createLogger } from "../../server/http/logger.ts";
import { ReviewCard } from "../../server/review/review-card-model.ts";
import type { HttpClient } from "../helpers/http-client.ts";
import { openPlayer, type PlayerConfig, sendCommit, signedInLearner } from "../helpers/learner.ts";
import {
  answerFields,
  currentCard,
  gradedQuiz,
  postAnswer,
  quizInteractions,
} from "../helpers/review.ts";
import { startTestApp } from "../helpers/test-app.ts";

// The acceptance path of the daily review: a learner misses two of the nine graded questions of
// the trust quiz and gets seven right; the next day (a clock the test moves) the review shows the
// two missed ones first, each answer moves the card's due date exactly as ts-fsrs schedules it,
// and no card comes back the same day.

const DAY = 86_400_000;
const MISSED = ["two-sides", "repair-order"];
// The same scheduler settings the review uses, built here from ts-fsrs itself.
const scheduler = fsrs({ enable_short_term: false, enable_fuzz: true });

let clockNow: Date | null = null;
const clock = () => clockNow ?? new Date();
let app: Awaited<ReturnType<typeof startTestApp>>;
let content: ModuleContent;
let ana: HttpClient;
let anaId: mongoose.Types.ObjectId;
let quizAt: Date;

const cmi = (interactions: Record<string, unknown>) => ({
  completion_status: "completed",
  success_status: "failed",
  score: { scaled: "0.78", raw: "78", min: "0", max: "100" },
  session_time: "PT5M",
  interactions,
});

async function takeQuiz(
  client: HttpClient,
  player: PlayerConfig,
  wrong: string[],
  seconds: number,
) {
  const shownAt = new Date(Date.now() - seconds * 1000);
  const res = await sendCommit(client, player, {
    seq: 1,
    session: "session-quiz",
    cmi: cmi(quizInteractions(content, wrong, { shownAt, seconds })),
  });
  assert.equal(res.status, 200, await res.clone().text());
  return shownAt;
}

const storedCard = (questionId: string, userId = anaId) =>
  ReviewCard.findOne({ userId, questionId }).lean();

function asFsrsCard(c: NonNullable<Awaited<ReturnType<typeof storedCard>>>): Card {
  return {
    due: c.due as Date,
    stability: c.stability,
    difficulty: c.difficulty,
    elapsed_days: 0,
    scheduled_days: c.scheduledDays,
    learning_steps: c.learningSteps,
    reps: c.reps,
    lapses: c.lapses,
    state: c.state as State,
    last_review: c.lastReview as Date,
  };
}

const question = (id: string) => {
  const q = gradedQuiz(content).find((x) => x.id === id);
  assert.ok(q, `the trust quiz has ${id}`);
  return q;
};

before(async () => {
  app = await startTestApp(import.meta.url, { review: { clock, timeZone: "UTC" } });
  await loadCourseLibrary({ logger: createLogger("silent") });
  const mod = await Module.findOne({ slug: "trust" }).lean();
  const version = await ModuleVersion.findOne({ moduleId: mod?._id }).lean();
  content = moduleContent.parse(version?.content);
  ana = await signedInLearner(app.baseUrl, "ana@example.com");
  anaId = (await User.findOne({ email: "ana@example.com" }).lean())?._id as mongoose.Types.ObjectId;
  const shownAt = await takeQuiz(ana, await openPlayer(ana, "trust"), MISSED, 90);
  quizAt = new Date(shownAt.getTime() + 90_000);
});
after(async () => {
  await app.stop();
});

describe("review cards from a taken quiz", () => {
  test("every graded quiz question answered becomes one card; the likert one does not", async () => {
    const cards = await ReviewCard.find({ userId: anaId }).lean();
    assert.equal(gradedQuiz(content).length, 9);
    assert.deepEqual(
      cards.map((c) => c.questionId).sort(),
      gradedQuiz(content)
        .map((q) => q.id)
        .sort(),
    );
    assert.ok(cards.every((c) => c.kind === "quiz" && c.reps === 1));
  });

  test("a missed question is due the next day, as ts-fsrs schedules Again", async () => {
    for (const id of MISSED) {
      const card = await storedCard(id);
      const at = card?.lastReview as Date;
      // The answer keeps the time the quiz was submitted (timestamp + latency), to a centisecond.
      assert.ok(Math.abs(at.getTime() - quizAt.getTime()) < 1000);
      const expected = scheduler.next(createEmptyCard(at), at, Rating.Again).card;
      assert.equal(card?.due?.toISOString(), expected.due.toISOString());
      assert.equal(card?.lastCorrect, false);
    }
    for (const q of gradedQuiz(content).filter((x) => !MISSED.includes(x.id))) {
      const card = await storedCard(q.id);
      assert.equal(card?.lastCorrect, true);
      assert.ok((card?.due?.getTime() ?? 0) >= quizAt.getTime() + DAY, `${q.id} not due today`);
    }
  });
});

describe("the next day's review", () => {
  test("shows the two missed questions first; answers move due dates per ts-fsrs", async () => {
    clockNow = new Date(quizAt.getTime() + DAY + 60 * 60_000);
    const first = await currentCard(ana);
    assert.ok(MISSED.includes(first.questionId), `first card is a missed one: ${first.questionId}`);
    assert.match(first.html, /Question 1 of \d+/);

    // Wrong again: Again.
    const before1 = await storedCard(first.questionId);
    assert.ok(before1);
    const res1 = await postAnswer(ana, first, answerFields(question(first.questionId), false));
    assert.equal(res1.status, 303);
    assert.equal(res1.headers.get("location"), `/review/answered/${first.cardId}`);
    const after1 = await storedCard(first.questionId);
    const expected1 = scheduler.next(asFsrsCard(before1), clockNow, Rating.Again).card;
    assert.equal(after1?.due?.toISOString(), expected1.due.toISOString());
    assert.equal(after1?.reps, 2);
    assert.equal(after1?.lapses, expected1.lapses);

    const feedback = await (await ana.get(`/review/answered/${first.cardId}`)).text();
    assert.match(feedback, /Not quite/);
    assert.match(feedback, /sco-item-feedback is-wrong/, "option feedback is shown");
    assert.match(feedback, /This is taught in <a href="\/review\/lessons\/trust\/[a-z0-9-]+"/);

    // The other missed one, answered right in 20 s: Good.
    const second = await currentCard(ana);
    assert.ok(MISSED.includes(second.questionId) && second.questionId !== first.questionId);
    assert.match(second.html, /Question 2 of/);
    const before2 = await storedCard(second.questionId);
    assert.ok(before2);
    const shown = String(clockNow.getTime() - 20_000);
    const res2 = await postAnswer(
      ana,
      second,
      answerFields(question(second.questionId), true),
      shown,
    );
    assert.equal(res2.status, 303);
    const after2 = await storedCard(second.questionId);
    const expected2 = scheduler.next(asFsrsCard(before2), clockNow, Rating.Good).card;
    assert.equal(after2?.due?.toISOString(), expected2.due.toISOString());
    assert.match(await (await ana.get(`/review/answered/${second.cardId}`)).text(), /Correct/);
  });

  test("the rest of the day's cards, then a summary that links missed ones to their lesson", async () => {
    for (let i = 0; i < 9; i++) {
      const html = await (await ana.get("/review")).text();
      if (!html.includes('name="card"')) break;
      const page = await currentCard(ana);
      await postAnswer(ana, page, answerFields(question(page.questionId), true));
    }
    const summary = await (await ana.get("/review")).text();
    assert.match(summary, /Today's review is done/);
    assert.match(summary, /You got \d+ of \d+ right/);
    assert.match(summary, /Your streak: <strong>1 day<\/strong>/);
    assert.match(summary, /Worth another look[\s\S]*href="\/review\/lessons\/trust\//);
    const lesson = summary.match(/href="(\/review\/lessons\/trust\/[a-z0-9-]+)"/)?.[1] ?? "";
    const lessonPage = await ana.get(lesson);
    assert.equal(lessonPage.status, 200);
    assert.match(await lessonPage.text(), /class="review-lesson-body"/);
  });

  test("a card is never due twice on one day", async () => {
    const now = clock();
    const endOfDay = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
    const reviewed = await ReviewCard.find({ userId: anaId, lastReview: now }).lean();
    assert.ok(reviewed.length >= 2);
    for (const c of reviewed) assert.ok((c.due?.getTime() ?? 0) >= endOfDay, `${c.questionId}`);

    // Answering the same card again changes nothing, and the review stays finished.
    const answered = reviewed[0];
    const again = await ana.postForm(
      "/review/answer",
      { card: String(answered?._id), shown: String(now.getTime()), answer: "a" },
      "/dashboard",
    );
    assert.equal(again.status, 303);
    const unchanged = await ReviewCard.findById(answered?._id).lean();
    assert.equal(unchanged?.reps, answered?.reps);
    assert.match(await (await ana.get("/review")).text(), /Today's review is done/);

    // Later the same day, a few seconds apart, the dashboard agrees.
    clockNow = new Date(now.getTime() + 5 * 60 * 60_000);
    const dashboard = await (await ana.get("/dashboard")).text();
    assert.match(dashboard, /data-testid="review-due">0</);
    assert.match(dashboard, /data-testid="review-streak">1 day</);
  });
});

describe("order", () => {
  test("when everything is due, the missed questions still come first", async () => {
    clockNow = null;
    const dee = await signedInLearner(app.baseUrl, "dee@example.com");
    await takeQuiz(dee, await openPlayer(dee, "trust"), MISSED, 90);
    // Ten days on, all nine are due.
    clockNow = new Date(Date.now() + 10 * DAY);
    const seen: string[] = [];
    for (let i = 0; i < 2; i++) {
      const page = await currentCard(dee);
      assert.match(page.html, /Question \d of 9/);
      seen.push(page.questionId);
      await postAnswer(dee, page, answerFields(question(page.questionId), true));
    }
    assert.deepEqual(seen.sort(), [...MISSED].sort());
  });
});

describe("nothing due, and the daily number", () => {
  test("a learner with nothing due today is told when the next card is due", async () => {
    clockNow = null;
    const ben = await signedInLearner(app.baseUrl, "ben@example.com");
    const empty = await (await ben.get("/review")).text();
    assert.match(empty, /Nothing to review yet/);
    await takeQuiz(ben, await openPlayer(ben, "trust"), [], 4);
    const benId = (await User.findOne({ email: "ben@example.com" }).lean())?._id;
    const soonest = await ReviewCard.findOne({ userId: benId }).sort({ due: 1 }).lean();
    const due = soonest?.due as Date;
    const dayName = new Intl.DateTimeFormat("en-GB", {
      timeZone: "UTC",
      weekday: "long",
      day: "numeric",
      month: "long",
    }).format(due);
    // Nine answers in four seconds are quick: Easy, so nothing comes back tomorrow.
    clockNow = new Date(Date.now() + DAY);
    assert.ok(due.getTime() > clockNow.getTime() + DAY);
    const html = await (await ben.get("/review")).text();
    assert.match(html, new RegExp(`Your next question is due on <strong>${dayName}</strong>`));
  });

  test("a day's review holds at most the learner's daily number of cards", async () => {
    clockNow = null;
    const cy = await signedInLearner(app.baseUrl, "cy@example.com");
    const saved = await cy.postForm(
      "/account/settings",
      { reminders: "off", reminderTime: "", timeZone: "UTC", dailyReviewSize: "3" },
      "/account/settings",
    );
    assert.equal(saved.status, 303);
    await takeQuiz(
      cy,
      await openPlayer(cy, "trust"),
      gradedQuiz(content).map((q) => q.id),
      60,
    );
    clockNow = new Date(Date.now() + DAY + 60_000);
    const page = await currentCard(cy);
    assert.match(page.html, /Question 1 of 3/);
    const dashboard = await (await cy.get("/dashboard")).text();
    assert.match(dashboard, /data-testid="review-due">3</);
  });
});
