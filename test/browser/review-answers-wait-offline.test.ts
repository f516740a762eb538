import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { AxeBuilder } from "@axe-core/playwright";
import mongoose from "mongoose";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { REVIEW_QUEUE_KEY } from "../../public/sw/src/offline-rules.ts";
import type { ModuleContent } from "../../server/content/module-schema.ts";
import { ReviewDay } from "../../server/review/review-day-model.ts";
import { launchBrowser } from "../helpers/browser.ts";
import { eventually, publishedContent, signIn } from "../helpers/player-driver.ts";
import { type RestartableApp, startRestartableApp } from "../helpers/player-restartable-app.ts";
import { learnerWithDueCards as helperLearnerWithDueCards } from "../helpers/review.ts";

// A review answer given with no connection is kept on the device and reaches the day's review
// when the connection returns; the page then shows its feedback.

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

/** A learner who took the trust quiz ten days ago, missing one question: two cards due today. */
const learnerWithDueCards = async (email: string) =>
  new mongoose.Types.ObjectId(await helperLearnerWithDueCards(email, 2, trust, ["two-sides"]));

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

const keptCards = (page: Page) =>
  page.evaluate(
    (key) =>
      (JSON.parse(localStorage.getItem(key) ?? "[]") as { card: string }[]).map((q) => q.card),
    REVIEW_QUEUE_KEY,
  );

/** Signed in, on today's review, the shown card answered with no connection; returns its id. */
async function answerOffline(context: BrowserContext, email: string) {
  const page = await context.newPage();
  await signIn(page, app.baseUrl, email);
  await page.goto(`${app.baseUrl}/review`);
  const card = await page.locator('input[name="card"]').inputValue();
  await context.setOffline(true);
  await answerShownCard(page);
  await page
    .getByTestId("review-offline-status")
    .filter({ hasText: /saved on this device/ })
    .waitFor();
  assert.deepEqual(await keptCards(page), [card]);
  return { page, card };
}

test("a kept review answer outlives an ended sign-in (a redirect to sign in, a 403) and is sent after signing in again", async () => {
  const userId = await learnerWithDueCards("ines@example.com");
  // No service worker, so that the test's own route sees the page's POST.
  const context = await browser.newContext({ serviceWorkers: "block" });
  const { page, card } = await answerOffline(context, "ines@example.com");
  const status = page.getByTestId("review-offline-status");
  // The session ends while the learner is away; the page still shows the old one's form token.
  await context.clearCookies();

  // A proxy (or a future guard) answering with the sign-in page: fetch follows it to a 200.
  await page.route("**/review/answer", (route) =>
    route.fulfill({ status: 303, headers: { location: "/login?next=%2Freview" } }),
  );
  await context.setOffline(false);
  await status.filter({ hasText: /sign-in has ended\. Sign in again to send it/ }).waitFor();
  assert.deepEqual(await keptCards(page), [card], "kept after landing on the sign-in page");
  await page.unroute("**/review/answer");

  // The server itself refuses the ended session's post with 403. The notice is emptied first so
  // that the one awaited below is this replay's.
  await status.evaluate((el) => {
    el.textContent = "";
  });
  await context.setOffline(true);
  const refused = page.waitForResponse(
    (r) => r.url().endsWith("/review/answer") && r.request().method() === "POST",
  );
  await context.setOffline(false);
  assert.equal((await refused).status(), 403);
  await status.filter({ hasText: /Sign in again to send it/ }).waitFor();
  assert.deepEqual(await keptCards(page), [card], "kept after a 403");
  assert.equal(await status.getByRole("link", { name: "Sign in" }).count(), 1);
  assert.equal((await ReviewDay.findOne({ userId }).lean())?.answers.length, 0);

  // Signing in again sends it from the first page of the new session, with that page's token.
  await signIn(page, app.baseUrl, "ines@example.com");
  const day = await eventually(
    "the day's review holds the kept answer",
    () => ReviewDay.findOne({ userId }).lean(),
    (d) => d?.answers.length === 1,
  );
  assert.equal(day?.answers[0]?.cardId.toString(), card);
  await eventually(
    "nothing is left waiting on the device",
    () => keptCards(page),
    (cards) => cards.length === 0,
  );
  await context.close();
});

test("another learner signing in on the same browser never sends the first one's kept answer, and signing out forgets it", async () => {
  const firstId = await learnerWithDueCards("jon@example.com");
  await learnerWithDueCards("kai@example.com");
  const context = await browser.newContext();
  const { page: first, card } = await answerOffline(context, "jon@example.com");
  // Jon closes the tab and his session ends; later Kai signs in on the same browser.
  await first.close();
  await context.clearCookies();
  await context.setOffline(false);

  const page = await context.newPage();
  const posted: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && r.url().endsWith("/review/answer")) posted.push(r.url());
  });
  await signIn(page, app.baseUrl, "kai@example.com");
  await page.goto(`${app.baseUrl}/review`);
  await page.getByTestId("review-submit").waitFor();
  assert.deepEqual(posted, [], "no answer is sent from Kai's pages");
  assert.deepEqual(await keptCards(page), [card], "Jon's answer is still kept");
  assert.equal(await page.getByTestId("review-offline-status").textContent(), "");
  assert.equal((await ReviewDay.findOne({ userId: firstId }).lean())?.answers.length, 0);

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/login$/);
  assert.deepEqual(await keptCards(page), [], "signing out forgets kept answers");
  await context.close();
});

test("a kept review answer the server refuses for good is let go, and the page says it was not recorded", async () => {
  await learnerWithDueCards("lia@example.com");
  const context = await browser.newContext({ serviceWorkers: "block" });
  const { page } = await answerOffline(context, "lia@example.com");
  // The server's answer to a card no longer in today's review (the connection came back tomorrow).
  await page.route("**/review/answer", (route) =>
    route.fulfill({ status: 404, contentType: "text/html", body: "<p>Not in today's review</p>" }),
  );
  await context.setOffline(false);
  await page
    .getByTestId("review-offline-status")
    .filter({ hasText: /could not be recorded/ })
    .waitFor();
  assert.deepEqual(await keptCards(page), [], "a final refusal is not sent again");
  await context.close();
});
