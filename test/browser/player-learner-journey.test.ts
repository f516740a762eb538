import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import type { ModuleContent } from "../../server/content/module-schema.ts";
import { launchBrowser } from "../helpers/browser.ts";
import {
  createLearner,
  next,
  openFromCatalog,
  pageTitle,
  publishedContent,
  readAttempt,
  scaledScore,
  scoFrame,
  signIn,
  takeQuiz,
  waitUntilSaved,
} from "../helpers/player-driver.ts";
import { startTestApp } from "../helpers/test-app.ts";

// A learner takes "trust" from the catalog to the dashboard in real Chromium, and what the
// database holds afterwards is what they actually did.

let app: Awaited<ReturnType<typeof startTestApp>>;
let browser: Browser;
let trust: ModuleContent;
let problems: string[] = [];

before(async () => {
  app = await startTestApp(import.meta.url);
  [trust, browser] = await Promise.all([publishedContent("trust"), launchBrowser()]);
});
after(async () => {
  await browser?.close();
  await app?.stop();
});

/** Script errors and failed requests anywhere on the page fail the test that caused them. */
async function learnerPage(email: string): Promise<Page> {
  await createLearner(email);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  problems = [];
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  page.on("console", (m) => {
    // Failed loads are reported below with their address (the browser's own favicon probe aside).
    if (m.type() === "error" && !m.text().startsWith("Failed to load resource"))
      problems.push(`console: ${m.text()}`);
  });
  page.on("response", (r) => {
    if (r.status() >= 400 && !r.url().endsWith("/favicon.ico"))
      problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  await signIn(page, app.baseUrl, email);
  return page;
}

/** Next through every lesson (and the reflections page) until the quiz shows. */
async function readEveryLesson(page: Page) {
  const titles = [await pageTitle(page)];
  while (titles.at(-1) !== "Final quiz") titles.push(await next(page));
  assert.deepEqual(titles, [...trust.lessons.map((l) => l.title), "Reflections", "Final quiz"]);
}

test("a learner reads every lesson, passes the quiz, and the attempt and dashboard say so", async () => {
  const page = await learnerPage("pia@example.com");
  const attemptId = await openFromCatalog(page, app.baseUrl, trust.title, "Start");
  await readEveryLesson(page);

  // One deliberate mistake out of nine: 8/9 ≈ 0.889 still clears the 80 % pass mark, and proves
  // the score is computed from the answers rather than fixed at 1.
  const wrongId = "repair-order";
  assert.ok(trust.quiz.some((q) => q.id === wrongId));
  const { correct, total } = await takeQuiz(page, trust, new Set([wrongId]));
  assert.equal(total, 9);
  assert.equal(correct, 8);
  const frame = scoFrame(page);
  assert.match((await frame.getByTestId("quiz-result").textContent()) ?? "", /You passed/);
  assert.match((await frame.getByTestId("quiz-result").textContent()) ?? "", /88% \(8 of 9/);
  assert.equal(await frame.getByTestId("quiz-retry").count(), 0);
  await waitUntilSaved(page);

  const attempt = await readAttempt(attemptId);
  assert.ok(attempt);
  assert.equal(attempt.completionRank, 2, "completed");
  assert.equal(attempt.successRank, 2, "passed");
  assert.equal(attempt.scoreScaled, scaledScore(8, 9));
  assert.equal(attempt.scoreScaled, 0.8889);
  assert.equal(attempt.progressMeasure, 1);
  assert.equal(attempt.location, "quiz");
  const quiz = attempt.interactions.filter((i) => i.id.startsWith("quiz-"));
  assert.deepEqual(
    quiz.map((i) => i.id),
    trust.quiz.map((q) => `quiz-${q.id}`),
    "one interaction per quiz question, in order",
  );
  for (const i of quiz) {
    const expected = i.id === `quiz-${wrongId}` ? "incorrect" : "correct";
    assert.equal(i.result, expected, `${i.id} result`);
    assert.equal(i.correctResponses.length, 1, `${i.id} has its correct pattern`);
    assert.equal(
      i.learnerResponse === i.correctResponses[0],
      expected === "correct",
      `${i.id} response ${i.learnerResponse} vs ${i.correctResponses[0]}`,
    );
  }
  const tf = quiz.find((i) => i.id === "quiz-small-promises");
  assert.deepEqual([tf?.type, tf?.learnerResponse], ["true-false", "false"]);
  const match = quiz.find((i) => i.id === "quiz-match-signals");
  assert.equal(match?.learnerResponse, "1[.]a[,]2[.]b[,]3[.]c[,]4[.]d");

  await page.goto(`${app.baseUrl}/dashboard`);
  const completed = page.locator("section", {
    has: page.getByRole("heading", { name: "Completed" }),
  });
  const card = completed.locator('[data-slug="trust"]');
  await card.waitFor();
  // A finished module shows its result, never a progress bar.
  assert.equal(await card.locator("progress").count(), 0);
  assert.match(
    (await card.locator(".status").textContent()) ?? "",
    /Passed · 88%/,
    "the same percentage the quiz showed",
  );
  const inProgress = page.locator("section", {
    has: page.getByRole("heading", { name: "In progress" }),
  });
  assert.equal(await inProgress.locator('[data-slug="trust"]').count(), 0);
  assert.deepEqual(problems, []);
  await page.context().close();
});

test("failing the quiz records a fail with its score, and a retry with right answers passes", async () => {
  const page = await learnerPage("fred@example.com");
  const attemptId = await openFromCatalog(page, app.baseUrl, trust.title, "Start");
  await readEveryLesson(page);

  // Five right of nine (0.556) is under the 80 % pass mark.
  const wrong = new Set(["two-sides", "small-promises", "repair-order", "match-signals"]);
  const first = await takeQuiz(page, trust, wrong);
  assert.equal(first.correct, 5);
  const frame = scoFrame(page);
  const result = frame.getByTestId("quiz-result");
  assert.match((await result.textContent()) ?? "", /Not passed yet.*You scored 55% \(5 of 9/s);
  assert.equal(await frame.getByTestId("quiz-retry").isVisible(), true, "a retry is offered");
  await waitUntilSaved(page);

  let attempt = await readAttempt(attemptId);
  assert.ok(attempt);
  assert.equal(attempt.completionRank, 2, "every lesson was read");
  assert.equal(attempt.successRank, 1, "failed");
  assert.equal(attempt.scoreScaled, scaledScore(5, 9));
  const firstTry = attempt.interactions.filter((i) => i.id.startsWith("quiz-"));
  assert.equal(firstTry.length, 9);
  for (const i of firstTry) {
    const q = i.id.slice("quiz-".length);
    assert.equal(i.result, wrong.has(q) ? "incorrect" : "correct", `${i.id} result`);
  }

  await page.goto(`${app.baseUrl}/dashboard`);
  const inProgress = page.locator("section", {
    has: page.getByRole("heading", { name: "In progress" }),
  });
  assert.match(
    (await inProgress.locator('[data-slug="trust"] .status').textContent()) ?? "",
    /Failed · 55%/,
  );

  // Back to the player (the card opens the module page, whose Review resumes the attempt): it
  // resumes on the failed quiz, where the retry is still offered.
  await inProgress.locator('[data-slug="trust"]').getByRole("link").click();
  await page.waitForURL(/\/modules\/trust$/);
  await page.getByRole("button", { name: "Review", exact: true }).click();
  await page.waitForURL(/\/attempts\/[0-9a-f]{24}\/play$/);
  assert.equal(await pageTitle(page), "Final quiz");
  await frame.getByTestId("quiz-retry").click();
  await frame.getByTestId("quiz-step").filter({ hasText: "Question 1 of" }).waitFor();
  const second = await takeQuiz(page, trust);
  assert.equal(second.correct, 9);
  assert.match((await frame.getByTestId("quiz-result").textContent()) ?? "", /You passed/);
  await waitUntilSaved(page);

  attempt = await readAttempt(attemptId);
  assert.ok(attempt);
  assert.equal(attempt.successRank, 2, "passed after the retry");
  assert.equal(attempt.scoreScaled, 1);
  const all = attempt.interactions.filter((i) => i.id.startsWith("quiz-"));
  assert.equal(all.length, 18, "both tries are journaled");
  assert.ok(
    all.slice(9).every((i) => i.result === "correct"),
    "the retry's answers are all right",
  );
  assert.deepEqual(problems, []);
  await page.context().close();
});
