import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { after, before, test } from "node:test";
import { createUser } from "../../server/auth/create-user.ts";
import { loadCourseLibrary } from "../../server/content/load-course-library.ts";
import type { ModuleContent } from "../../server/content/module-schema.ts";
import { ModuleVersion } from "../../server/content/module-version-model.ts";
import { createLogger } from "../../server/http/logger.ts";
import { dashboardFor } from "../../server/player/dashboard.ts";
import { modulePageData } from "../../server/player/module-page.ts";
import { moduleForCsv, writeAttemptsCsv } from "../../server/reports/attempts-csv.ts";
import { moduleReport } from "../../server/reports/module-report.ts";
import { applyCommit } from "../../server/runtime/apply-commit.ts";
import { startAttempt } from "../../server/runtime/start-attempt.ts";
import { scoScriptSources } from "../../server/scorm/sco-script.ts";
import { connectTestDatabase } from "../helpers/database.ts";
import { scoCmi } from "../helpers/seed-progress.ts";

// One table of situations; for each, the SCORM values come from the status rule the SCO bundle is
// built from (esbuild bundles server/progress/status-rule.ts into sco.js, checked below), are
// committed through the app's commit path, and the dashboard, the module page, the report and
// the CSV must all tell the same story.

let db: Awaited<ReturnType<typeof connectTestDatabase>>;
let trust: ModuleContent;

before(async () => {
  db = await connectTestDatabase(import.meta.url);
  await loadCourseLibrary({ logger: createLogger("silent") });
  const version = await ModuleVersion.findOne({ slug: "trust" }).lean();
  assert.ok(version);
  trust = version.content as ModuleContent;
});
after(async () => {
  await db.drop();
});

test("the SCO script is built from this very status rule", () => {
  // The sources are the files whose code is in the (minified) output, not merely imported.
  assert.ok(scoScriptSources().includes("server/progress/status-rule.ts"));
});

interface Case {
  name: string;
  /** Attempts in order: lessons viewed and the quiz score (null = not submitted). */
  attempts: { viewed: number; score: number | null }[];
  scorm: { completion: string; success: string };
  headline: string;
  bestScore: number | null;
  retaking: boolean;
  reportBucket: "passed" | "failed" | "inProgress";
  csv: string[];
}

const cases: Case[] = [
  {
    name: "every lesson viewed, quiz not taken",
    attempts: [{ viewed: -1, score: null }],
    scorm: { completion: "incomplete", success: "unknown" },
    headline: "in progress",
    bestScore: null,
    retaking: false,
    reportBucket: "inProgress",
    csv: ["in progress"],
  },
  {
    name: "quiz passed with the lessons skipped",
    attempts: [{ viewed: 0, score: 1 }],
    scorm: { completion: "completed", success: "passed" },
    headline: "passed",
    bestScore: 100,
    retaking: false,
    reportBucket: "passed",
    csv: ["passed"],
  },
  {
    name: "everything done and passed",
    attempts: [{ viewed: -1, score: 0.9 }],
    scorm: { completion: "completed", success: "passed" },
    headline: "passed",
    bestScore: 90,
    retaking: false,
    reportBucket: "passed",
    csv: ["passed"],
  },
  {
    name: "everything done and failed",
    attempts: [{ viewed: -1, score: 0.2 }],
    scorm: { completion: "completed", success: "failed" },
    headline: "failed",
    bestScore: 20,
    retaking: false,
    reportBucket: "failed",
    csv: ["failed"],
  },
  {
    name: "a retake in progress after a pass",
    attempts: [
      { viewed: -1, score: 0.9 },
      { viewed: 1, score: null },
    ],
    scorm: { completion: "incomplete", success: "unknown" },
    headline: "passed",
    bestScore: 90,
    retaking: true,
    reportBucket: "passed",
    csv: ["passed", "in progress"],
  },
];

async function csvRows(): Promise<string[][]> {
  let text = "";
  const sink = new Writable({
    write(chunk, _enc, done) {
      text += chunk.toString();
      done();
    },
  });
  await writeAttemptsCsv(await moduleForCsv("trust"), sink);
  return text
    .trim()
    .split("\r\n")
    .slice(1)
    .map((l) => l.split(","));
}

test("the bundle, the summaries, the pages, the report and the CSV agree on every case", async () => {
  const learners: { c: Case; userId: string; email: string }[] = [];
  for (const [i, c] of cases.entries()) {
    const email = `case${i}@example.com`;
    const user = await createUser({ email, displayName: `Case ${i}`, password: "case password 1" });
    let lastCmi: ReturnType<typeof scoCmi> | null = null;
    for (const [n, step] of c.attempts.entries()) {
      const attempt = await startAttempt({ userId: user.id, slug: "trust", retake: n > 0 });
      lastCmi = scoCmi(trust, step);
      await applyCommit({
        attemptId: attempt._id.toString(),
        userId: user.id,
        body: { seq: 1, session: "session-1", cmi: lastCmi },
      });
    }
    assert.ok(lastCmi);
    assert.deepEqual(
      { completion: lastCmi.completion_status, success: lastCmi.success_status },
      c.scorm,
      `${c.name}: SCORM values`,
    );
    learners.push({ c, userId: user.id, email });
  }

  const rows = await csvRows();
  for (const { c, userId, email } of learners) {
    const page = await modulePageData("trust", userId);
    const standing = page.standing;
    assert.ok(standing, c.name);
    const headline = standing.best?.status ?? standing.current.status;
    assert.equal(headline, c.headline, `${c.name}: module page status`);
    assert.equal(standing.best?.scorePercent ?? null, c.bestScore, `${c.name}: best score`);
    assert.equal(standing.retaking, c.retaking, `${c.name}: retake shown`);
    if (!standing.best) assert.ok(standing.current.progressPercent < 100, `${c.name}: a part bar`);

    const dashboard = await dashboardFor(userId);
    const done = c.headline === "passed";
    assert.equal(
      dashboard.completed.some((m) => m.slug === "trust"),
      done,
      `${c.name}: dashboard section`,
    );
    // Unfinished work is under "In progress", or leads the page as the module to continue.
    const underway = [
      ...dashboard.inProgress,
      ...(dashboard.continueWith ? [dashboard.continueWith] : []),
    ];
    assert.equal(
      underway.some((m) => m.slug === "trust" && !m.standing.done),
      !done,
      c.name,
    );

    const statuses = rows.filter((r) => r[0] === email).map((r) => r[4]);
    assert.deepEqual(statuses, c.csv, `${c.name}: CSV rows`);
  }

  const report = await moduleReport("trust");
  const count = (bucket: Case["reportBucket"]) =>
    cases.filter((c) => c.reportBucket === bucket).length;
  assert.equal(report.learners, cases.length);
  assert.equal(report.best.passed, count("passed"));
  assert.equal(report.best.failed, count("failed"));
  assert.equal(report.inProgress, count("inProgress"));
  assert.equal(report.attempts, 6);
});
