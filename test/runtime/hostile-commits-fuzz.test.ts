import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import fc from "fast-check";
import mongoose from "mongoose";
import { loadCourseLibrary } from "../../server/content/load-course-library.ts";
import { createLogger } from "../../server/http/logger.ts";
import { Attempt, type AttemptRecord } from "../../server/runtime/attempt-model.ts";
import { SEQ_STEP_MAX } from "../../server/runtime/commit-seq.ts";
import { issueCommitToken } from "../../server/runtime/commit-token.ts";
import { type HostileStep, hostileStep, type SeqMove } from "../helpers/commit-arbitraries.ts";
import { openPlayer, signedInLearner } from "../helpers/learner.ts";
import { preloadedCmi, preloadRefusal } from "../helpers/scorm-again-preload.ts";
import { startTestApp, TEST_SESSION_SECRET } from "../helpers/test-app.ts";

// Hostile commits, a few thousand, against the real endpoint and database. Every answer must be
// a 2xx or a 4xx with a message; a refused or stale commit changes nothing; a stored one never
// moves completion, success, score, progress, time or seq backwards; whatever is stored, a real
// scorm-again resumes from; and afterwards an honest commit still gets through (no freeze).
// Seeded: a failure prints its seed and path, and replays exactly.
const SEED = 20_261_113;
// Three lanes, each its own seed and attempts, so one lane's database waits overlap the others'.
const LANES = 3;
const RUNS_PER_LANE = 40;

type Doc = Record<string, unknown> & { seq: number };

let app: Awaited<ReturnType<typeof startTestApp>>;
let template: AttemptRecord;
let attemptNumber = 1;
let bodies = 0;
const statuses = new Map<number, number>();

before(async () => {
  app = await startTestApp(import.meta.url);
  await loadCourseLibrary({ logger: createLogger("silent") });
  const ana = await signedInLearner(app.baseUrl, "ana@example.com");
  const player = await openPlayer(ana, "trust");
  const found = await Attempt.findById(player.attemptId).lean();
  assert.ok(found);
  template = found;
});
after(async () => {
  await app.stop();
});

/** A fresh attempt per run, so each run starts clean and stays inside the commit budget. */
async function freshAttempt(): Promise<{ id: string; token: string }> {
  const { userId, moduleId, versionId, slug, version } = template;
  attemptNumber += 1;
  const created = await Attempt.create({
    userId,
    moduleId,
    versionId,
    slug,
    version,
    number: attemptNumber,
  });
  const id = created._id.toString();
  return { id, token: issueCommitToken(TEST_SESSION_SECRET, id, userId.toString()) };
}

// Straight through the driver: the same document, without mongoose's work in this busy process.
const stored = async (id: string) =>
  (await Attempt.collection.findOne({ _id: new mongoose.Types.ObjectId(id) })) as unknown as Doc;

function seqFor(move: SeqMove, storedSeq: number): unknown {
  switch (move.kind) {
    case "next":
      return storedSeq + 1;
    case "same":
      return storedSeq;
    case "back":
      return storedSeq - 3;
    case "skip":
      return storedSeq + 50;
    case "leap":
      return storedSeq + SEQ_STEP_MAX + 1;
    case "raw":
      return move.value;
  }
}

async function send(id: string, token: string, body: string) {
  bodies++;
  const res = await fetch(`${app.baseUrl}/api/attempts/${id}/commit`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body,
  });
  statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
  const text = await res.text();
  return { status: res.status, text };
}

function bodyOf(step: HostileStep, storedSeq: number): string {
  if (step.junkBody && "text" in step.junkBody) return step.junkBody.text;
  if (step.junkBody) return JSON.stringify(step.junkBody.json) ?? "null";
  const commit: Record<string, unknown> = { seq: seqFor(step.seq, storedSeq), cmi: step.cmi };
  if (step.session !== undefined) commit.session = step.session;
  return JSON.stringify(commit);
}

const num = (v: unknown) => (typeof v === "number" ? v : Number.NEGATIVE_INFINITY);

/** Nothing the learner achieved in `before` is lost in `after`. */
function assertNoRollback(before: Doc, after: Doc, context: string) {
  assert.ok(after.seq > before.seq, `seq moved forward ${context}`);
  for (const field of ["completionRank", "successRank", "scoreScaled", "scoreRaw"]) {
    assert.ok(num(after[field]) >= num(before[field]), `${field} kept ${context}`);
  }
  assert.ok(
    num(after.progressMeasure) >= num(before.progressMeasure),
    `progressMeasure kept ${context}`,
  );
  const was = (before.sessionSeconds ?? {}) as Record<string, number>;
  const now = (after.sessionSeconds ?? {}) as Record<string, number>;
  for (const [session, seconds] of Object.entries(was))
    assert.ok((now[session] ?? -1) >= seconds, `session ${session} time kept ${context}`);
  for (const field of ["completedAt", "passedAt"]) {
    if (before[field]) assert.deepEqual(after[field], before[field], `${field} kept ${context}`);
  }
}

const property = fc.asyncProperty(
  fc.array(hostileStep, { minLength: 10, maxLength: 40 }),
  async (steps) => {
    const { id, token } = await freshAttempt();
    let current = await stored(id);
    for (const [n, step] of steps.entries()) {
      const body = bodyOf(step, current.seq);
      const context = `at step ${n}: ${body.slice(0, 300)}`;
      const { status, text } = await send(id, token, body);
      assert.ok(
        (status >= 200 && status < 300) || (status >= 400 && status < 500),
        `status ${status} ${context}`,
      );
      const answer = JSON.parse(text) as { applied?: boolean; error?: string };
      if (status >= 400)
        assert.ok(answer.error && answer.error.length > 0, `a 4xx says why ${context}`);
      const next = await stored(id);
      if (status === 200 && answer.applied) {
        assertNoRollback(current, next, context);
        const refusal = preloadRefusal(preloadedCmi(next));
        assert.equal(refusal, null, `scorm-again resumes ${context}`);
      } else {
        assert.deepEqual(next, current, `nothing changed ${context}`);
      }
      current = next;
    }
    // Whatever came before, the learner's own next commit is stored.
    const honest = JSON.stringify({
      seq: current.seq + 1,
      session: "honest-session",
      cmi: { completion_status: "incomplete", location: "lesson-2" },
    });
    const { status, text } = await send(id, token, honest);
    assert.equal(status, 200, text);
    assert.equal((JSON.parse(text) as { applied: boolean }).applied, true, "not frozen");
  },
);

test("hostile commits get 2xx or 4xx, never roll back, never freeze, and always resume", async (t) => {
  await Promise.all(
    Array.from({ length: LANES }, (_, lane) =>
      fc.assert(property, { seed: SEED + lane, numRuns: RUNS_PER_LANE }),
    ),
  );
  t.diagnostic(`${bodies} bodies, answers ${JSON.stringify(Object.fromEntries(statuses))}`);
  // The run only proves something if it both stored and refused plenty.
  const ok = statuses.get(200) ?? 0;
  const refused = statuses.get(400) ?? 0;
  assert.ok(bodies >= 2000, `${bodies} bodies sent`);
  assert.ok(ok > bodies / 5 && refused > bodies / 5, `answers: ${JSON.stringify([...statuses])}`);
  assert.equal(mongoose.connection.readyState, 1);
});
