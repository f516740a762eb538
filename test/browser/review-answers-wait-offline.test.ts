import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { AxeBuilder } from "@axe-core/playwright";
import type mongoose from "mongoose";
import type { Browser, Page } from "playwright-core";
import { REVIEW_QUEUE_KEY } from "../../public/sw/src/offline-rules.ts";
import { LearnerPrefs } from "../../server/account/learner-prefs-model.ts";
import { User } from "../../server/auth/user-model.ts";
import { Module } from "../../server/content/module-model.ts";
import type { ModuleContent } from "../../server/content/module-schema.ts";
import { recordReviewAnswers } from "../../server/review/record-review-answers.ts";
import { ReviewDay } from "../../server/review/review-day-model.ts";
import { launchBrowser } from "../helpers/browser.ts";
import { createLearner, eventually, publishedContent, signIn } from "../helpers/player-driver.ts";
import { type RestartableApp, startRestartableApp } from "../helpers/player-restartable-app.ts";
import { quizInteractions } from "../helpers/review.ts";

// A review answer given with no connection is kept on the device and reaches the day's review
// when the connection returns; the page then shows its feedback.

const DAY = 86_400_000;
let app: RestartableApp;
let browser: Browser;
let trust: ModuleContent;

before(async () => {
  app = await startRestartableApp(import.meta.url);
  [trust, browser] = await Promise.all([publishedContent("trust"), launchBrowser()]);
});
after(async () => {
  await browser?.close();
  await app?.stop();
});

/** A learner who took the trust quiz ten days ago, with two cards due today. */
async function learnerWithDueCards(email: string) {
  await createLearner(email);
  const user = await User.findOne({ email }).lean();
  const mod = await Module.findOne({ slug: "trust" }).lean();
  const then = new Date(Date.now() - 10 * DAY);
  const answers = Object.values(
    quizInteractions(trust, ["two-sides"], {
      shownAt: new Date(then.getTime() - 150_000),
      seconds: 150,
    }),
  ) as { id: string; type: string; result: string; latency: string; timestamp: string }[];
  await recordReviewAnswers({
    userId: user?._id as mongoose.Types.ObjectId,
    moduleId: mod?._id as mongoose.Types.ObjectId,
    slug: "trust",
    version: 1,
    answers,
    now: then,
  });
  await LearnerPrefs.collection.insertOne({
    userId: user?._id,
    reminderTime: null,
    timeZone: "UTC",
    dailyReviewSize: 2,
    nextReminderAt: null,
  });
  return user?._id as mongoose.Types.ObjectId;
}

async function answerShownCard(page: Page) {
  await page.locator(".sco-question input, .sco-question select").first().waitFor();
  const choice = page.locator(
    '.sco-question input[type="radio"], .sco-question input[type="checkbox"]',
  );
  if (await choice.count()) await choice.first().check();
  else
    for (const select of await page.locator(".sco-question select").all())
      await select.selectOption({ index: 1 });
  await page.getByTestId("review-submit").click();
}

test("a review answer given offline is kept, sent on reconnecting, and its feedback shown", async () => {
  const userId = await learnerWithDueCards("rosa@example.com");
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await signIn(page, app.baseUrl, "rosa@example.com");
  await page.goto(`${app.baseUrl}/review`);
  const card = await page.locator('input[name="card"]').inputValue();

  await app.pause();
  await context.setOffline(true);
  try {
    await answerShownCard(page);
    const status = page.getByTestId("review-offline-status");
    await status.filter({ hasText: /saved on this device/ }).waitFor();
    assert.match(page.url(), /\/review$/, "the learner stays on the question");
    const queued = await page.evaluate((key) => localStorage.getItem(key), REVIEW_QUEUE_KEY);
    assert.equal((JSON.parse(queued ?? "[]") as { card: string }[])[0]?.card, card);
    const { violations } = await new AxeBuilder({ page }).analyze();
    assert.deepEqual(
      violations.map((v) => v.id),
      [],
      "no axe violations with the offline notice",
    );
    const day = await ReviewDay.findOne({ userId }).lean();
    assert.equal(day?.answers.length, 0, "nothing reached the server");
  } finally {
    await app.resume();
    await context.setOffline(false);
  }

  await page.waitForURL(new RegExp(`/review/answered/${card}$`), { timeout: 20_000 });
  await page.getByTestId("review-verdict").waitFor();
  const day = await eventually(
    "the day's review holds the answer",
    () => ReviewDay.findOne({ userId }).lean(),
    (d) => d?.answers.length === 1,
  );
  assert.equal(day?.answers[0]?.cardId.toString(), card);
  assert.equal(
    await page.evaluate((key) => localStorage.getItem(key), REVIEW_QUEUE_KEY),
    null,
    "nothing is left waiting on the device",
  );
  await context.close();
});
