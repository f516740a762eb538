import assert from "node:assert/strict";
import { test } from "node:test";
import { catalogFor } from "../../server/player/catalog.ts";
import { nextModuleAfter } from "../../server/player/next-module.ts";
import {
  createLearner,
  openFromCatalog,
  openScoPage,
  pageTitle,
  scoFrame,
  signIn,
  takeQuiz,
  waitUntilSaved,
} from "../helpers/player-driver.ts";
import { playerTestBed } from "../helpers/player-test-bed.ts";

// Issue 11, items 4 and 5: the final quiz shows one question per screen (takeQuiz checks
// "Question i of n" and a single question on each); after submitting, the end screen shows the
// result, links to the lessons that teach what was missed, and the way on (next module, My
// learning, the certificate once passed); the review goes through every question with its
// feedback.

const bed = playerTestBed(import.meta.url);

test("the quiz goes one question at a time, ends on a result with the way on, and reviews every answer", async () => {
  const email = "finish@example.com";
  const learner = await createLearner(email);
  const context = await bed.browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await signIn(page, bed.app.baseUrl, email);
  await openFromCatalog(page, bed.app.baseUrl, bed.trust.title, "Start");
  const frame = scoFrame(page);
  await openScoPage(page, "quiz");

  const wrong = new Set(["two-sides", "small-promises", "repair-order", "match-signals"]);
  await takeQuiz(page, bed.trust, wrong);
  const result = frame.getByTestId("quiz-result");
  assert.match((await result.textContent()) ?? "", /Not passed yet/);

  // What was missed, by the lessons that teach it; each link opens its lesson.
  const missed = await frame
    .locator('[data-testid^="missed-lesson-"]')
    .evaluateAll((links) => links.map((a) => a.getAttribute("data-testid")));
  const lessonIds = new Set(bed.trust.lessons.map((l) => `missed-lesson-${l.id}`));
  assert.ok(missed.length >= 1 && missed.length <= wrong.size, `missed lessons: ${missed}`);
  for (const id of missed) assert.ok(lessonIds.has(id ?? ""), `${id} is one of the lessons`);

  // The way on, from the host: the next module and My learning; no certificate before a pass.
  const next = nextModuleAfter("trust", await catalogFor(learner.id));
  assert.ok(next, "another module to suggest");
  const nextLink = frame.getByTestId("end-next-module");
  assert.equal(await nextLink.getAttribute("href"), `/modules/${next.slug}`);
  assert.equal(await nextLink.getAttribute("target"), "_top");
  assert.match((await nextLink.textContent()) ?? "", new RegExp(next.title));
  assert.equal(await frame.getByTestId("end-my-learning").getAttribute("href"), "/dashboard");
  assert.equal(await frame.getByTestId("end-certificate").count(), 0);

  // The review: every question, one per screen, with its feedback.
  await frame.getByTestId("quiz-review").click();
  for (const [i, q] of bed.trust.quiz.entries()) {
    const step = frame.getByTestId("review-step");
    await step.filter({ hasText: `Question ${i + 1} of ${bed.trust.quiz.length}` }).waitFor();
    assert.equal(await frame.locator(".sco-question").count(), 1, "one question per screen");
    const summary = (await frame.getByTestId(`feedback-${q.id}`).textContent()) ?? "";
    if (q.type === "likert") {
      assert.match(summary, /^Your profile: /, `${q.id} shows the profile`);
    } else {
      assert.match(
        summary,
        wrong.has(q.id) ? /^Not quite\./ : /^Correct\./,
        `${q.id} says whether it was right`,
      );
      const shown = await frame
        .getByTestId(`q-${q.id}`)
        .locator(".sco-item-feedback:not([hidden])")
        .count();
      assert.ok(shown >= 1, `${q.id} shows the feedback on its options or items`);
    }
    if (i < bed.trust.quiz.length - 1) await frame.getByTestId("review-next").click();
  }
  await frame.getByTestId("review-done").click();
  await result.waitFor();

  // A missed lesson's link opens that lesson.
  const firstMissed = missed[0]?.slice("missed-lesson-".length);
  const lesson = bed.trust.lessons.find((l) => l.id === firstMissed);
  assert.ok(lesson);
  await frame.getByTestId(`missed-lesson-${lesson.id}`).click();
  await frame.getByTestId("page-title").filter({ hasText: lesson.title }).waitFor();

  // Try again, pass: the certificate appears, and My learning leads out of the player.
  await openScoPage(page, "quiz");
  assert.equal(await pageTitle(page), "Final quiz");
  await frame.getByTestId("quiz-retry").click();
  await frame.getByTestId("quiz-step").filter({ hasText: "Question 1 of" }).waitFor();
  await takeQuiz(page, bed.trust);
  assert.match((await result.textContent()) ?? "", /You passed/);
  assert.equal(await frame.getByTestId(`missed-lesson-${bed.trust.lessons[0]?.id}`).count(), 0);
  assert.equal(
    await frame.getByTestId("end-certificate").getAttribute("href"),
    "/modules/trust/certificate",
  );
  await waitUntilSaved(page);
  await frame.getByTestId("end-my-learning").click();
  await page.waitForURL(/\/dashboard$/);
  await context.close();
});
