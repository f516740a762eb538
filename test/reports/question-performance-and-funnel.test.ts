import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { loadCourseLibrary } from "../../server/content/load-course-library.ts";
import { createLogger } from "../../server/http/logger.ts";
import { rebuildProgress } from "../../server/progress/rebuild-progress.ts";
import { moduleReport } from "../../server/reports/module-report.ts";
import { moduleFiguresCsv, questionsCsv } from "../../server/reports/report-csv.ts";
import { connectTestDatabase } from "../helpers/database.ts";
import {
  answerableQuestions,
  answerKey,
  lessonCount,
  seedLearners,
} from "../helpers/seed-quiz-answers.ts";

// Issue #14, item 6: from answers seeded through the commit path, the report's facility,
// discrimination and option counts equal values worked out by hand; a question strong learners
// miss more often is flagged; the funnel counts what the attempts did; under five learners the
// figures are hidden.

let db: Awaited<ReturnType<typeof connectTestDatabase>>;
let questions: Awaited<ReturnType<typeof answerableQuestions>>;
let lessons: number;

// Right (1) or wrong (0) at the first answer, per learner (rows) and question (columns A–E).
// The S learners do well on the quiz as a whole, the W learners poorly; D is the other way round.
const TABLE = {
  S1: [1, 1, 1, 0, 1],
  S2: [1, 1, 0, 0, 1],
  S3: [1, 1, 0, 0, 1],
  W1: [1, 0, 0, 1, 0],
  W2: [1, 0, 0, 1, 0],
  W3: [1, 0, 0, 1, 0],
};
const rows = Object.values(TABLE);

before(async () => {
  db = await connectTestDatabase(import.meta.url);
  await loadCourseLibrary({ logger: createLogger("silent") });
  questions = await answerableQuestions("trust", 5);
  lessons = await lessonCount("trust");
  const all = "1".repeat(lessons);
  const firstOnly = `1${"0".repeat(lessons - 1)}`;
  await seedLearners("trust", questions, 80, [
    ...Object.entries(TABLE).map(([name, right]) => ({
      email: `${name.toLowerCase()}@x.org`,
      seen: name.startsWith("S") ? all : firstOnly,
      quiz: right.map((r) => r === 1),
      // W1 retakes and gets everything right: a retake is not a first answer.
      ...(name === "W1" ? { retake: [true, true, true, true, true] } : {}),
    })),
    // Nia read the first lesson and stopped.
    { email: "nia@x.org", seen: firstOnly },
  ]);
  // Three learners on another module: too few for any figure.
  const few = await answerableQuestions("conflict", 3);
  await seedLearners(
    "conflict",
    few,
    80,
    ["ada", "bo", "cal"].map((name) => ({
      email: `${name}@x.org`,
      seen: "1",
      quiz: [true, false, true],
    })),
  );
});
after(async () => {
  await db.drop();
});

/** Pearson's r of two lists, written out the textbook way to check the report's running sums. */
function pearson(xs: number[], ys: number[]): number {
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const mx = mean(xs);
  const my = mean(ys);
  let cov = 0;
  let vx = 0;
  let vy = 0;
  xs.forEach((x, i) => {
    const y = ys[i] ?? 0;
    cov += (x - mx) * (y - my);
    vx += (x - mx) ** 2;
    vy += (y - my) ** 2;
  });
  return cov / Math.sqrt(vx * vy);
}

/** Each learner's share of the other four questions right. */
const restScores = (q: number) =>
  rows.map((r) => (r.reduce((a, b) => a + b, 0) - (r[q] ?? 0)) / (r.length - 1));

test("facility, discrimination and option counts equal the hand-worked values", async () => {
  const report = await moduleReport("trust");
  const byId = new Map(report.questions.map((q) => [q.id, q]));
  const stats = questions.map((q) => byId.get(q.id));
  assert.deepEqual(
    stats.map((s) => s?.learners),
    [6, 6, 6, 6, 6],
    "six first attempts each; W1's retake is not counted",
  );
  // Facility: right first time / learners. A 6/6, B 3/6, C 1/6, D 3/6, E 3/6.
  assert.deepEqual(
    stats.map((s) => s?.facility),
    [1, 0.5, 1 / 6, 0.5, 0.5],
  );
  // Item-rest correlation, worked out from the table: B, C and E 0.447, D −0.962; A has no
  // spread (everyone right), so none.
  assert.equal(stats[0]?.discrimination, null);
  const expected = [null, 0.447, 0.447, -0.962, 0.447];
  stats.forEach((s, i) => {
    if (expected[i] === null) return;
    const column = rows.map((r) => r[i] ?? 0);
    assert.ok(
      Math.abs((s?.discrimination ?? 9) - pearson(column, restScores(i))) < 1e-4,
      `question ${i}`,
    );
    assert.equal(Number(s?.discrimination?.toFixed(3)), expected[i], `question ${i}`);
  });
  // Option counts: each learner's first choice, the correct key or the first wrong one.
  questions.forEach((q, i) => {
    const rights = rows.filter((r) => r[i] === 1).length;
    const chosen = Object.fromEntries(
      (stats[i]?.options ?? []).filter((o) => o.chosen).map((o) => [o.label, o.chosen]),
    );
    const want: Record<string, number> = {};
    if (rights) want[answerKey(q, true)] = rights;
    if (6 - rights) want[answerKey(q, false)] = 6 - rights;
    assert.deepEqual(chosen, want, `options of question ${i}`);
  });
  // All answers (retries included) still count W1's retake: A was answered 7 times.
  assert.equal(stats[0]?.answers, 7);
});

test("too easy, too hard, and a question strong learners miss more often are flagged", async () => {
  const report = await moduleReport("trust");
  const flags = questions.map((q) => report.questions.find((s) => s.id === q.id)?.flags);
  assert.deepEqual(flags, [["too-easy"], [], ["too-hard"], ["negative-discrimination"], []]);
  const csv = questionsCsv(report).trim().split("\r\n");
  const d = csv.find((line) => line.startsWith(`${questions[3]?.id},`)) ?? "";
  assert.match(d, /,6,50,-0\.962,6,Strong learners miss it more,/);
});

test("the funnel counts how far each learner's first attempt got", async () => {
  const report = await moduleReport("trust");
  assert.equal(report.funnelLearners, 7);
  const counts = Object.fromEntries((report.funnel ?? []).map((s) => [s.key, s.learners]));
  const lessonSteps = Object.fromEntries(
    Array.from({ length: lessons }, (_, i) => [`l${i}`, i === 0 ? 7 : 3]),
  );
  // Seven started and read lesson 1; the three S learners read on; six reached and submitted
  // the quiz; only S1 passed a first attempt (4 of 5 = the pass mark). W1 passed a retake: not
  // a first attempt, so not in the funnel, but in the best scores.
  assert.deepEqual(counts, { s: 7, ...lessonSteps, q: 6, d: 6, p: 1 });
  assert.equal(report.best.scored, 6);
  assert.deepEqual(report.best.scoreBuckets, [0, 0, 0, 0, 2, 0, 2, 0, 1, 1]);
  const csv = moduleFiguresCsv(report);
  assert.match(csv, /^funnel,Started,7,100,7\r$/m);
  assert.match(csv, /^funnel,Passed,1,14,7\r$/m);
  assert.match(csv, /^best_score,40-49%,2,33,6\r$/m);

  // A rebuild from the attempts gives the very same report.
  await rebuildProgress();
  assert.deepEqual(await moduleReport("trust"), report);
});

test("figures resting on fewer than five learners are hidden, with the count they rest on", async () => {
  const report = await moduleReport("conflict");
  assert.equal(report.funnelLearners, 3);
  assert.equal(report.funnel, null);
  assert.equal(report.best.scored, 3);
  assert.equal(report.best.averageScorePercent, null);
  assert.equal(report.best.scoreBuckets, null);
  const answered = report.questions.filter((q) => q.learners > 0);
  assert.equal(answered.length, 3);
  for (const q of answered) {
    assert.equal(q.learners, 3);
    assert.equal(q.facility, null);
    assert.equal(q.discrimination, null);
    assert.deepEqual(q.flags, []);
    assert.ok(q.options.every((o) => o.chosen === null));
  }
  const csv = questionsCsv(report);
  const row = csv.split("\r\n").find((l) => l.startsWith(`${answered[0]?.id},`)) ?? "";
  assert.match(row, /,3,,,3,,/, "learners shown, facility and discrimination blank");
  assert.equal(moduleFiguresCsv(report).trim().split("\r\n").length, 1, "header only");
});
