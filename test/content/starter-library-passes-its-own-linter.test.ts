import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { REPO_ROOT } from "../../server/config.ts";
import { checkLibrary } from "../../server/content/check-library.ts";
import { assessmentStats } from "../../server/content/lint/lint-library.ts";
import { formatProblem } from "../../server/content/read-course-folder.ts";

const library = checkLibrary(join(REPO_ROOT, "courses"), REPO_ROOT);

test("the starter library has no hint that accepted-hints.yaml does not explain", () => {
  assert.deepEqual(library.problems.map(formatProblem), []);
  assert.deepEqual(library.hints.map(formatProblem), []);
});

test("over the library, the correct option is the longest in at most a third of choice questions", () => {
  const stats = assessmentStats(library.modules);
  assert.ok(stats.choice >= 30, `${stats.choice} single-choice and scenario questions`);
  assert.ok(
    stats.correctLongest * 3 <= stats.choice,
    `the correct option is the longest in ${stats.correctLongest} of ${stats.choice}`,
  );
});

test("over the library, between 40 % and 60 % of true/false answers are true", () => {
  const { trueAnswers, trueFalse } = assessmentStats(library.modules);
  assert.ok(trueFalse >= 10, `${trueFalse} true/false questions`);
  const share = trueAnswers / trueFalse;
  assert.ok(share >= 0.4 && share <= 0.6, `${trueAnswers} of ${trueFalse} are true`);
});

test("every multiple-choice question has at least two wrong options", () => {
  const { multiple, multipleOneWrong } = assessmentStats(library.modules);
  assert.ok(multiple > 0);
  assert.equal(multipleOneWrong, 0);
});
