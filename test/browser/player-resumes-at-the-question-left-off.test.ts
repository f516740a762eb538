import assert from "node:assert/strict";
import { test } from "node:test";
import type { Page } from "playwright-core";
import type { Question } from "../../server/content/module-schema.ts";
import {
  answerCheck,
  answerQuestion,
  createLearner,
  openFromCatalog,
  openScoPage,
  pageTitle,
  type Scope,
  scoFrame,
  signIn,
  takeQuiz,
  waitUntilSaved,
} from "../helpers/player-driver.ts";
import { playerTestBed } from "../helpers/player-test-bed.ts";

// Learners resume where they left off, also inside a page that shows one question at a time: a
// learner on question 5 of the final quiz who reloads, or closes the tab and comes back, is on
// question 5 with answers 1–4 still chosen; the same for a lesson's second knowledge check and
// for the review after submitting. Played in Rapport's player on a phone, where the player's bar
// already shows the module and its progress, so the SCO leaves its own header out.

const bed = playerTestBed(import.meta.url);

async function newPhonePage(email: string): Promise<Page> {
  await createLearner(email);
  const context = await bed.browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await signIn(page, bed.app.baseUrl, email);
  await openFromCatalog(page, bed.app.baseUrl, bed.trust.title, "Start");
  return page;
}

/** The step heading of a one-per-screen sequence ("Question 5 of 9"), once it shows. */
async function stepShown(scope: Scope, testId: string): Promise<string> {
  const step = scope.getByTestId(testId);
  await step.waitFor();
  return (await step.textContent()) ?? "";
}

/** The controls chosen on the question on screen (their test ids). */
const chosen = (scope: Scope): Promise<string[]> =>
  scope
    .locator(".sco-question input:checked")
    .evaluateAll((inputs) => inputs.map((input) => input.getAttribute("data-testid") ?? ""));

/** Answers the quiz's first questions, noting what each screen shows chosen, and moves on. */
async function answerFirst(scope: Scope, quiz: readonly Question[], count: number) {
  const shown: string[][] = [];
  for (const [i, q] of quiz.slice(0, count).entries()) {
    assert.equal(await stepShown(scope, "quiz-step"), `Question ${i + 1} of ${quiz.length}`);
    await answerQuestion(scope, q, true);
    shown.push(await chosen(scope));
    await scope.getByTestId("quiz-next").click();
  }
  return shown;
}

/** Steps back from the question on screen to the first, collecting what each shows chosen. */
async function chosenGoingBack(scope: Scope, from: number, total: number) {
  const shown: string[][] = [];
  for (let at = from - 1; at >= 1; at--) {
    await scope.getByTestId("quiz-prev").click();
    await scope
      .getByTestId("quiz-step")
      .filter({ hasText: `Question ${at} of ${total}` })
      .waitFor();
    shown.unshift(await chosen(scope));
  }
  return shown;
}

test("a reload or a closed tab puts the learner back on the quiz question, with the earlier answers chosen", async () => {
  const page = await newPhonePage("quinn@example.com");
  const frame = scoFrame(page);
  const quiz = bed.trust.quiz;
  await openScoPage(page, "quiz");
  const shown = await answerFirst(frame, quiz, 4);
  assert.ok(
    shown.every((ids) => ids.length > 0),
    "the first four questions take chosen controls",
  );
  assert.equal(await stepShown(frame, "quiz-step"), `Question 5 of ${quiz.length}`);
  await waitUntilSaved(page);

  await page.reload();
  assert.equal(await pageTitle(page), "Final quiz", "the reload opens the quiz");
  assert.equal(await stepShown(frame, "quiz-step"), `Question 5 of ${quiz.length}`);
  assert.deepEqual(await chosenGoingBack(frame, 5, quiz.length), shown);

  // Closed on question 3 and resumed later from the module page, in a new tab.
  await frame.getByTestId("quiz-next").click();
  await frame.getByTestId("quiz-next").click();
  assert.equal(await stepShown(frame, "quiz-step"), `Question 3 of ${quiz.length}`);
  await waitUntilSaved(page);
  const context = page.context();
  await page.close({ runBeforeUnload: true });
  const later = await context.newPage();
  await openFromCatalog(later, bed.app.baseUrl, bed.trust.title, "Resume");
  assert.equal(await stepShown(scoFrame(later), "quiz-step"), `Question 3 of ${quiz.length}`);
  await context.close();
});

test("a reload keeps the lesson's knowledge check on screen, and the review's question after submitting", async () => {
  const page = await newPhonePage("rosa@example.com");
  const frame = scoFrame(page);
  const [first, second] = bed.trust.lessons[0]?.checks ?? [];
  assert.ok(first && second, "the first lesson has two checks");
  await answerCheck(frame, first, true);
  await answerCheck(frame, second, false);
  assert.equal(await stepShown(frame, "check-step"), "Question 2 of 2");
  await waitUntilSaved(page);

  await page.reload();
  assert.equal(await pageTitle(page), bed.trust.lessons[0]?.title);
  assert.equal(await stepShown(frame, "check-step"), "Question 2 of 2");
  assert.match((await frame.getByTestId(`feedback-${second.id}`).textContent()) ?? "", /\S/);

  await openScoPage(page, "quiz");
  await takeQuiz(page, bed.trust, new Set(["two-sides"]));
  await frame.getByTestId("quiz-review").click();
  await frame.getByTestId("review-next").click();
  await frame.getByTestId("review-next").click();
  const count = bed.trust.quiz.length;
  assert.equal(await stepShown(frame, "review-step"), `Question 3 of ${count}`);
  await waitUntilSaved(page);

  await page.reload();
  assert.equal(await stepShown(frame, "review-step"), `Question 3 of ${count}`);
  // Back to the result, and a reload shows the result again.
  await frame.getByTestId("review-done").click();
  await frame.getByTestId("quiz-result").waitFor();
  await waitUntilSaved(page);
  await page.reload();
  await frame.getByTestId("quiz-result").waitFor();
  assert.equal(await frame.getByTestId("review-step").count(), 0);
  await page.context().close();
});

test("inside Rapport's player the SCO leaves out the header that repeats the player's bar", async () => {
  const page = await newPhonePage("sami@example.com");
  const frame = scoFrame(page);
  await frame.getByTestId("page-title").waitFor();
  // The bar shows the module's title and progress; the SCO does not show them again.
  assert.equal(await page.locator(".player-title").textContent(), bed.trust.title);
  assert.equal(await page.locator("#player-progress").isVisible(), true);
  assert.equal(await frame.locator(".sco-header").isVisible(), false);
  assert.equal(await frame.getByText(bed.trust.title, { exact: true }).isVisible(), false);
  // So the module's contents come first in the frame (below its 12px padding), the lesson under them.
  const contentsTop = await frame
    .locator(".sco-nav")
    .evaluate((el) => el.getBoundingClientRect().top);
  assert.ok(contentsTop < 24, `the contents start ${contentsTop}px down the frame`);
  await page.context().close();
});
