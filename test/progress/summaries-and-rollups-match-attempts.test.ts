import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import mongoose from "mongoose";
import { createUser } from "../../server/auth/create-user.ts";
import { loadCourseLibrary } from "../../server/content/load-course-library.ts";
import type { ModuleContent } from "../../server/content/module-schema.ts";
import { ModuleVersion } from "../../server/content/module-version-model.ts";
import { createLogger } from "../../server/http/logger.ts";
import { LearnerSummary } from "../../server/progress/learner-summary-model.ts";
import {
  migrateToStatusRule,
  recomputeAttempts,
} from "../../server/progress/migrate-status-rule.ts";
import { ModuleRollup } from "../../server/progress/module-rollup-model.ts";
import { QuestionRollup } from "../../server/progress/question-rollup-model.ts";
import { rebuildProgress } from "../../server/progress/rebuild-progress.ts";
import { applyCommit } from "../../server/runtime/apply-commit.ts";
import { Attempt } from "../../server/runtime/attempt-model.ts";
import { startAttempt } from "../../server/runtime/start-attempt.ts";
import { connectTestDatabase } from "../helpers/database.ts";

// Summaries and rollups are kept by the commit path; here they must match what a rebuild from
// the attempts alone computes, after retakes, out-of-order and duplicate commits.

let db: Awaited<ReturnType<typeof connectTestDatabase>>;
let trust: ModuleContent;
let quizIds: string[];

before(async () => {
  db = await connectTestDatabase(import.meta.url);
  await loadCourseLibrary({ logger: createLogger("silent") });
  const version = await ModuleVersion.findOne({ slug: "trust" }).lean();
  assert.ok(version);
  trust = version.content as ModuleContent;
  quizIds = trust.quiz.filter((q) => q.type !== "likert").map((q) => q.id);
});
after(async () => {
  await db.drop();
});

/** A quiz submission: answers 0..n-1 right or wrong as given, letters as the bundle writes them. */
function quizCmi(right: boolean[], opts: { offset?: number; previous?: unknown[] } = {}) {
  const answers = right.map((ok, i) => ({
    id: `quiz-${quizIds[i % quizIds.length]}`,
    type: "choice",
    learner_response: ok ? "a" : "b[,]c",
    result: ok ? "correct" : "incorrect",
  }));
  const all = [...(opts.previous ?? []), ...answers];
  const score = right.filter(Boolean).length / right.length;
  return {
    all,
    cmi: {
      completion_status: "completed",
      success_status: score * 100 >= trust.passMark ? "passed" : "failed",
      score: { scaled: String(score), raw: String(score * 100) },
      progress_measure: "1",
      interactions: Object.fromEntries(all.map((a, i) => [String(i), a])),
    },
  };
}

/** A lesson commit; `seen` is the bundle's lessons-viewed digits ("110"), `location` its page. */
const lessonCmi = (measure: number, seen = "1", location = "lesson/x") => ({
  completion_status: "incomplete",
  success_status: "unknown",
  progress_measure: String(measure),
  location,
  suspend_data: JSON.stringify({ v: 1, l: seen, a: {}, q: { s: 0, n: 0 } }),
});

async function commit(userId: string, attemptId: string, seq: number, cmi: unknown) {
  return applyCommit({ attemptId, userId, body: { seq, session: "session-1", cmi } });
}

/**
 * Summaries and rollups with ids and zero counters left out (a $inc can leave a 0 behind), and
 * the summaries' bookkeeping of when and in which order they were written: commits that change
 * nothing a learner sees skip the summary, so its write time can trail the attempt's last commit.
 */
const IGNORED = new Set(["_id", "__v", "currentOrder", "lastActivityAt"]);

async function snapshot() {
  const clean = (v: unknown): unknown => {
    if (v instanceof mongoose.Types.ObjectId || v instanceof Date) return String(v);
    if (Array.isArray(v)) return v.map(clean);
    if (v && typeof v === "object")
      return Object.fromEntries(
        Object.entries(v)
          .filter(([k, x]) => !IGNORED.has(k) && x !== 0)
          .map(([k, x]) => [k, clean(x)])
          .sort(([a], [b]) => String(a).localeCompare(String(b))),
      );
    return v;
  };
  const sortBy = (key: (d: Record<string, unknown>) => string) => (a: unknown, b: unknown) =>
    key(a as Record<string, unknown>).localeCompare(key(b as Record<string, unknown>));
  return {
    summaries: (await LearnerSummary.find().lean())
      .map(clean)
      .sort(sortBy((d) => `${d.userId}:${d.moduleId}`)),
    modules: (await ModuleRollup.find().lean()).map(clean).sort(sortBy((d) => `${d.moduleId}`)),
    questions: (await QuestionRollup.find().lean())
      .map(clean)
      .sort(sortBy((d) => `${d.moduleId}:${d.interactionId}`)),
  };
}

test("commits, retakes, out-of-order and duplicate commits leave summaries a rebuild agrees with", async () => {
  const n = quizIds.length;
  const ana = await createUser({
    email: "ana@x.org",
    displayName: "Ana",
    password: "quiet harbour 71",
  });
  const ben = await createUser({
    email: "ben@x.org",
    displayName: "Ben",
    password: "quiet harbour 72",
  });
  const cy = await createUser({
    email: "cy@x.org",
    displayName: "Cy",
    password: "quiet harbour 73",
  });

  // Ana: fails, retries the quiz in the same attempt and passes, then retakes and is midway.
  const a1 = (await startAttempt({ userId: ana.id, slug: "trust" }))._id.toString();
  await commit(ana.id, a1, 1, lessonCmi(0.5, "1100"));
  const fail = quizCmi(Array.from({ length: n }, (_, i) => i > 2));
  await commit(ana.id, a1, 2, fail.cmi);
  const pass = quizCmi(
    Array.from({ length: n }, () => true),
    { previous: fail.all },
  );
  await commit(ana.id, a1, 3, pass.cmi);
  await commit(ana.id, a1, 3, pass.cmi); // a duplicate
  const a2 = (await startAttempt({ userId: ana.id, slug: "trust", retake: true }))._id.toString();
  assert.notEqual(a2, a1);
  await commit(ana.id, a2, 1, lessonCmi(0.33, "1000"));

  // Ben: commits arrive out of order; the older one must change nothing.
  const b1 = (await startAttempt({ userId: ben.id, slug: "trust" }))._id.toString();
  const benFail = quizCmi(Array.from({ length: n }, (_, i) => i % 2 === 0));
  await commit(ben.id, b1, 1, lessonCmi(0.5, "1111", "quiz"));
  // His quiz answers arrive in two commits: the first three, then all of them.
  const benPart = quizCmi(Array.from({ length: 3 }, (_, i) => i % 2 === 0));
  await commit(ben.id, b1, 2, { ...benPart.cmi, completion_status: "incomplete" });
  const late = await commit(ben.id, b1, 5, benFail.cmi);
  const early = await commit(ben.id, b1, 4, lessonCmi(0.8));
  assert.equal(late.applied, true);
  assert.equal(early.applied, false);

  // Cy: only opened the module; and a module of its own.
  await startAttempt({ userId: cy.id, slug: "trust" });
  const c1 = (await startAttempt({ userId: cy.id, slug: "conflict" }))._id.toString();
  await commit(cy.id, c1, 1, lessonCmi(0.2));

  const incremental = await snapshot();
  // The first-attempt blocks and the funnel are there to compare, not left empty.
  const trustRollup = incremental.modules.find(
    (m) => (m as { funnel?: { s?: number } }).funnel?.s === 2,
  ) as { funnel: Record<string, number> } | undefined;
  assert.deepEqual(trustRollup?.funnel, { d: 2, l0: 2, l1: 2, l2: 1, l3: 1, p: 1, q: 2, s: 2 });
  const firstQuestion = incremental.questions.find(
    (q) => (q as { interactionId: string }).interactionId === `quiz-${quizIds[0]}`,
  ) as { first: Record<string, unknown> } | undefined;
  assert.equal(firstQuestion?.first.n, 2, "Ana's and Ben's first attempts, not Ana's retry");
  const anaSummary = incremental.summaries.find(
    (s) => (s as { userId: string }).userId === ana.id && (s as { slug: string }).slug === "trust",
  ) as { attempts: number; current: { attemptId: string } } | undefined;
  assert.equal(anaSummary?.attempts, 2);
  assert.equal(anaSummary?.current.attemptId, a2, "the retake is current");
  const benSummary = await LearnerSummary.findOne({ userId: ben.id }).lean();
  assert.equal(benSummary?.current.successRank, 1, "the late-arriving older commit did not win");

  await rebuildProgress();
  const rebuilt = await snapshot();
  assert.deepEqual(rebuilt, incremental);
});

test("attempts stored under the old rule are recomputed once, and again changes nothing", async () => {
  const dee = await createUser({
    email: "dee@x.org",
    displayName: "Dee",
    password: "quiet harbour 74",
  });
  const attempt = await startAttempt({ userId: dee.id, slug: "communication" });
  const version = await ModuleVersion.findById(attempt.versionId).lean();
  assert.ok(version);
  const lessonCount = (version.content as ModuleContent).lessons.length;
  // The old bundle reported "completed" once every lesson had been seen, quiz or not.
  await Attempt.collection.updateOne(
    { _id: attempt._id },
    {
      $set: {
        seq: 7,
        completionRank: 2,
        progressMeasure: 1,
        completedAt: new Date(),
        suspendData: JSON.stringify({ v: 1, l: "1".repeat(lessonCount), a: {}, q: { s: 0, n: 0 } }),
      },
    },
  );
  await mongoose.connection.collection("migrations").deleteMany({});
  assert.equal(await migrateToStatusRule(createLogger("silent")), true);
  const after1 = await Attempt.findById(attempt._id).lean();
  assert.equal(after1?.completionRank, 1, "not completed: the quiz was never submitted");
  assert.equal(after1?.progressMeasure, Math.round((lessonCount / (lessonCount + 1)) * 100) / 100);
  assert.equal(after1?.completedAt, undefined);
  const summary = await LearnerSummary.findOne({ userId: dee.id }).lean();
  assert.equal(summary?.bestKey, 0, "no finished result");
  assert.equal(summary?.current.completionRank, 1);

  assert.equal(await migrateToStatusRule(createLogger("silent")), false, "runs once");
  assert.equal(await recomputeAttempts(), 0, "recomputing again changes nothing");
});
