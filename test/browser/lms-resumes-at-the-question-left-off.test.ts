import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { ModuleContent } from "../../server/content/module-schema.ts";
import type { PackageFormat } from "../../server/scorm/export-package.ts";
import { type Cmi, launchInLms, leaveSco, lmsLog, resumeFrom } from "../helpers/lms-host.ts";
import { answerQuestion, openScoPage, type Scope } from "../helpers/player-driver.ts";
import {
  type PackagesInLms,
  packagesInLms,
  starterModule,
} from "../helpers/starter-packages-in-lms.ts";

// An exported package in an LMS resumes on the quiz question the learner left, in both editions
// (SCORM 1.2 keeps the place in cmi.core.lesson_location, at most 255 characters; 2004 in
// cmi.location), keeps its own header (no Rapport player around it shows the progress), and
// still resumes from the place an earlier bundle wrote, which names only the page.

const FORMATS: PackageFormat[] = ["scorm12", "scorm2004"];
const BUNDLE = /index\.html/;

let lms: PackagesInLms;
let content: ModuleContent;

before(async () => {
  content = starterModule("trust");
  lms = await packagesInLms(content, FORMATS);
});

after(async () => {
  await lms?.close();
});

async function stepText(scope: Scope): Promise<string> {
  const step = scope.getByTestId("quiz-step");
  await step.waitFor();
  return (await step.textContent()) ?? "";
}

/** Answers the first questions of the quiz, leaves on the next one, and returns what was kept. */
async function leaveOnQuestion(format: PackageFormat, answered: number): Promise<Cmi> {
  const first = await launchInLms(lms.browser, lms.host, format);
  await openScoPage(first.page, "quiz", BUNDLE);
  for (const q of content.quiz.slice(0, answered)) {
    await answerQuestion(first.frame, q, true);
    await first.frame.getByTestId("quiz-next").click();
  }
  assert.equal(await stepText(first.frame), `Question ${answered + 1} of ${content.quiz.length}`);
  await leaveSco(first.page);
  const log = await lmsLog(first.page);
  assert.deepEqual(log.rejected, []);
  assert.deepEqual(first.problems, []);
  assert.ok(log.stored, "the LMS stored the attempt");
  await first.close();
  return log.stored;
}

describe("an exported package resumes on the quiz question the learner left", () => {
  for (const format of FORMATS) {
    it(`${format}: back on question 5 with the first four answers, under the SCO's own header`, async () => {
      const stored = await leaveOnQuestion(format, 4);
      const place =
        format === "scorm12"
          ? (stored.core as Record<string, unknown>).lesson_location
          : stored.location;
      assert.ok(String(place).length <= 255, "the place fits SCORM 1.2's lesson_location");

      const second = await launchInLms(lms.browser, lms.host, format, resumeFrom(format, stored));
      assert.equal(await stepText(second.frame), `Question 5 of ${content.quiz.length}`);
      assert.equal(await second.frame.locator(".sco-header").isVisible(), true);
      const bundle = second.page.frame({ url: BUNDLE });
      const answers = await bundle?.evaluate(
        () =>
          (window as unknown as { RapportSco: { state: { answers: Record<string, string> } } })
            .RapportSco.state.answers,
      );
      for (const q of content.quiz.slice(0, 4)) assert.ok(answers?.[q.id], `${q.id} kept`);
      await second.frame.getByTestId("quiz-prev").click();
      assert.equal(await stepText(second.frame), `Question 4 of ${content.quiz.length}`);
      const fourth = content.quiz[3];
      assert.ok(fourth);
      assert.equal(
        await second.frame.locator(".sco-question input:checked").count(),
        1,
        `question 4 (${fourth.id}) shows its answer chosen`,
      );
      assert.deepEqual(second.problems, []);
      await second.close();
    });
  }

  it("a place written by an earlier bundle (the page alone) opens that page's first question", async () => {
    const stored = await leaveOnQuestion("scorm2004", 2);
    const second = await launchInLms(lms.browser, lms.host, "scorm2004", {
      ...resumeFrom("scorm2004", stored),
      location: "quiz",
    });
    assert.equal(await stepText(second.frame), `Question 1 of ${content.quiz.length}`);
    assert.deepEqual(second.problems, []);
    await second.close();
  });
});
