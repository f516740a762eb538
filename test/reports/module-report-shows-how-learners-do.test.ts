import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createUser } from "../../server/auth/create-user.ts";
import { loadCourseLibrary } from "../../server/content/load-course-library.ts";
import type { ModuleContent } from "../../server/content/module-schema.ts";
import { ModuleVersion } from "../../server/content/module-version-model.ts";
import { createLogger } from "../../server/http/logger.ts";
import { csvCell } from "../../server/reports/attempts-csv.ts";
import { moduleReport } from "../../server/reports/module-report.ts";
import { HttpClient } from "../helpers/http-client.ts";
import { openPlayer, sendCommit, signedInLearner } from "../helpers/learner.ts";
import { startTestApp } from "../helpers/test-app.ts";

let app: Awaited<ReturnType<typeof startTestApp>>;
let quizIds: string[];

const answers = (results: string[]) =>
  Object.fromEntries(
    results.map((result, i) => [String(i), { id: `quiz-${quizIds[i]}`, type: "choice", result }]),
  );

before(async () => {
  app = await startTestApp(import.meta.url);
  await loadCourseLibrary({ logger: createLogger("silent") });
  const version = await ModuleVersion.findOne({ slug: "trust" }).lean();
  assert.ok(version, "trust is published");
  quizIds = (version.content as ModuleContent).quiz
    .filter((q) => q.type !== "likert")
    .map((q) => q.id);

  // Ana passes after getting question 1 wrong on her first submit; Ben fails; Cy only started.
  const ana = await signedInLearner(app.baseUrl, "ana@example.com");
  const anaPlayer = await openPlayer(ana, "trust");
  const firstTry = answers(quizIds.map((_, i) => (i === 0 ? "incorrect" : "correct")));
  const retry = Object.fromEntries(
    Object.entries(answers(quizIds.map(() => "correct"))).map(([k, v]) => [
      String(Number(k) + quizIds.length),
      v,
    ]),
  );
  const anaCommit = await sendCommit(ana, anaPlayer, {
    seq: 1,
    cmi: {
      completion_status: "completed",
      success_status: "passed",
      score: { scaled: "1", raw: "100" },
      interactions: { ...firstTry, ...retry },
    },
  });
  assert.equal(anaCommit.status, 200);
  const ben = await signedInLearner(app.baseUrl, "ben@example.com");
  const benPlayer = await openPlayer(ben, "trust");
  const benCommit = await sendCommit(ben, benPlayer, {
    seq: 1,
    cmi: {
      completion_status: "completed",
      success_status: "failed",
      score: { scaled: "0.5", raw: "50" },
      interactions: answers(quizIds.map((_, i) => (i % 2 === 0 ? "incorrect" : "correct"))),
    },
  });
  assert.equal(benCommit.status, 200);
  const cy = await signedInLearner(app.baseUrl, "cy@example.com");
  await openPlayer(cy, "trust");
});
after(async () => {
  await app.stop();
});

test("the report counts learners by best result, first tries, and each question's answers", async () => {
  const report = await moduleReport("trust");
  assert.equal(report.learners, 3);
  assert.equal(report.attempts, 3);
  assert.equal(report.finished, 2);
  assert.equal(report.inProgress, 1);
  assert.equal(report.best.passed, 1);
  assert.equal(report.best.failed, 1);
  // Two scores are too few to show an average or a distribution (fewer than five learners).
  assert.equal(report.best.scored, 2);
  assert.equal(report.best.averageScorePercent, null);
  assert.equal(report.best.scoreBuckets, null);
  assert.deepEqual(
    { passed: report.firstTry.passed, failed: report.firstTry.failed },
    { passed: 1, failed: 1 },
  );
  assert.equal(report.questions.length, quizIds.length);
  // Question 1: both answered it, neither right at first; Ana's retry was right → 1 of 3 answers.
  const first = report.questions[0];
  assert.deepEqual(
    {
      answered: first?.answered,
      firstTryCorrect: first?.firstTryCorrect,
      answers: first?.answers,
      correct: first?.correct,
    },
    { answered: 2, firstTryCorrect: 0, answers: 3, correct: 1 },
  );
  // Question 2: both right the first time; a share of two is not shown.
  assert.equal(report.questions[1]?.firstTryCorrect, 2);
  assert.equal(report.questions[1]?.percentFirstTry, null);
});

test("authors see the report page and download a CSV; learners get 403", async () => {
  await createUser({
    email: "ann@example.com",
    displayName: "Ann",
    password: "author password 1",
    role: "author",
  });
  const author = new HttpClient(app.baseUrl);
  await author.postForm(
    "/login",
    { email: "ann@example.com", password: "author password 1" },
    "/login",
  );
  const page = await author.get("/admin/modules/trust/report");
  assert.equal(page.status, 200);
  assert.match(await page.text(), /data-testid="passed">1</);
  const csv = await author.get("/admin/modules/trust/report.csv", "text/csv");
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get("content-disposition") ?? "", /trust-attempts\.csv/);
  const lines = (await csv.text()).trim().split("\r\n");
  assert.equal(lines.length, 4);
  assert.match(
    lines.find((l) => l.startsWith("ana@")) ?? "",
    /^ana@example\.com,ana,1,1,passed,100,100,/,
  );

  // The chart figures as CSV: a header and a row per quiz question; the funnel and scores rest
  // on too few learners here, so only their header.
  const questionsCsv = await author.get("/admin/modules/trust/report/questions.csv", "text/csv");
  assert.equal(questionsCsv.status, 200);
  const questionLines = (await questionsCsv.text()).trim().split("\r\n");
  assert.match(questionLines[0] ?? "", /^question_id,question,type,learners,facility_percent,/);
  assert.equal(questionLines.length, quizIds.length + 1);
  const moduleCsv = await author.get("/admin/modules/trust/report/module.csv", "text/csv");
  assert.equal((await moduleCsv.text()).trim(), "figure,step,learners,percent,rests_on_learners");

  const learner = await signedInLearner(app.baseUrl, "dee@example.com");
  assert.equal((await learner.get("/admin/modules/trust/report")).status, 403);
  assert.equal((await learner.get("/admin/modules/trust/report.csv")).status, 403);
  assert.equal((await learner.get("/admin/modules/trust/report/questions.csv")).status, 403);
});

test("CSV cells are quoted and never start a spreadsheet formula", () => {
  assert.equal(csvCell('say "hi", then go'), '"say ""hi"", then go"');
  assert.equal(csvCell("=HYPERLINK(1)"), "'=HYPERLINK(1)");
  assert.equal(csvCell(null), "");
});
