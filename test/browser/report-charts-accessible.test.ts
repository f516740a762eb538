import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { loadCourseLibrary } from "../../server/content/load-course-library.ts";
import { createLogger } from "../../server/http/logger.ts";
import {
  type AuthoringRig,
  assertNoViolations,
  signedInPage,
  startAuthoringRig,
  watchForProblems,
} from "../helpers/authoring-driver.ts";
import { answerableQuestions, lessonCount, seedLearners } from "../helpers/seed-quiz-answers.ts";

// The report with its charts (funnel, best scores, right first time, each question's first
// choices) has no axe violation of any impact, on a desk and on a phone; each chart is one named
// image with its numbers in a table beside it.

let rig: AuthoringRig;
let firstId = "";
before(async () => {
  rig = await startAuthoringRig(import.meta.url);
  await loadCourseLibrary({ logger: createLogger("silent") });
  const questions = await answerableQuestions("trust", 4);
  // Everyone gets the first right: flagged too easy.
  firstId = questions[0]?.id ?? "";
  const all = "1".repeat(await lessonCount("trust"));
  const patterns = [
    [true, true, true, false],
    [true, true, false, false],
    [true, false, false, true],
    [true, false, true, true],
    [true, true, true, true],
    [true, false, false, true],
  ];
  await seedLearners(
    "trust",
    questions,
    80,
    patterns.map((quiz, i) => ({ email: `learner${i}@x.org`, seen: i < 3 ? all : "1", quiz })),
  );
});
after(async () => {
  await rig.stop();
});

for (const width of [1280, 320]) {
  test(`the report and its charts pass axe at ${width}px`, async () => {
    const page = await signedInPage(rig, { email: `rae${width}@example.com`, width });
    const problems = watchForProblems(page);
    await page.goto(`${rig.app.baseUrl}/admin/modules/trust/report`);
    // Funnel, scores, right first time, and four questions' first choices.
    const charts = page.getByRole("img");
    assert.ok((await charts.count()) >= 7, `${await charts.count()} charts`);
    assert.equal(await page.getByRole("img", { name: /^How far first attempts get/ }).count(), 1);
    assert.match(
      (await page.locator('[data-testid="funnel"] tr[data-step="s"]').textContent()) ?? "",
      /Started\s*6\s*100%/,
    );
    assert.match(
      (await page.locator(`tr[data-question="${firstId}"] [data-testid="flags"]`).textContent()) ??
        "",
      /Too easy/,
    );
    await assertNoViolations(page, `the report with charts at ${width}px`);
    assert.deepEqual(problems, []);
    await page.context().close();
  });
}
