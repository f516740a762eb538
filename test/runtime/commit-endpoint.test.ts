import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { loadCourseLibrary } from "../../server/content/load-course-library.ts";
import { Module } from "../../server/content/module-model.ts";
import { createLogger } from "../../server/http/logger.ts";
import { Attempt } from "../../server/runtime/attempt-model.ts";
import type { HttpClient } from "../helpers/http-client.ts";
import { openPlayer, type PlayerConfig, sendCommit, signedInLearner } from "../helpers/learner.ts";
import { startTestApp } from "../helpers/test-app.ts";

let app: Awaited<ReturnType<typeof startTestApp>>;
let ana: HttpClient;
let ben: HttpClient;
let anaPlayer: PlayerConfig;
let benPlayer: PlayerConfig;

const cmi = (over: Record<string, unknown> = {}) => ({
  completion_status: "incomplete",
  success_status: "unknown",
  location: "lesson-1",
  suspend_data: '{"v":1}',
  score: { scaled: "", raw: "", min: "", max: "" },
  session_time: "PT30S",
  interactions: {},
  ...over,
});

const stored = async (id: string) => Attempt.findById(id).lean();

before(async () => {
  app = await startTestApp(import.meta.url);
  await loadCourseLibrary({ logger: createLogger("silent") });
  ana = await signedInLearner(app.baseUrl, "ana@example.com");
  ben = await signedInLearner(app.baseUrl, "ben@example.com");
  anaPlayer = await openPlayer(ana, "trust");
  benPlayer = await openPlayer(ben, "trust");
});
after(async () => {
  await app.stop();
});

describe("POST /api/attempts/:id/commit", () => {
  test("a valid commit is stored with its sequence number", async () => {
    const res = await sendCommit(ana, anaPlayer, { seq: 1, session: "session-a1", cmi: cmi() });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { result: "true", errorCode: 0, seq: 1, applied: true });
    const a = await stored(anaPlayer.attemptId);
    assert.equal(a?.seq, 1);
    assert.equal(a?.location, "lesson-1");
    assert.equal(a?.completionRank, 1);
  });

  test("another learner's attempt is refused with 403 and not changed", async () => {
    const before = await stored(anaPlayer.attemptId);
    const res = await sendCommit(
      ben,
      { ...benPlayer, commitUrl: anaPlayer.commitUrl },
      { seq: 99, cmi: cmi() },
    );
    assert.equal(res.status, 403);
    assert.deepEqual(await stored(anaPlayer.attemptId), before);
  });

  test("a missing or forged token gets 401", async () => {
    const none = await ana.request(anaPlayer.commitUrl, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ seq: 50, cmi: cmi() }),
    });
    assert.equal(none.status, 401);
    const forged = anaPlayer.commitToken.replace(/.$/, (c) => (c === "A" ? "B" : "A"));
    assert.equal((await sendCommit(ana, anaPlayer, { seq: 50, cmi: cmi() }, forged)).status, 401);
  });

  const malformed: [string, Record<string, unknown>, RegExp][] = [
    [
      "score 2.0",
      { seq: 10, cmi: cmi({ score: { scaled: "2.0" } }) },
      /cmi\.score\.scaled: must be a number from -1 to 1/,
    ],
    [
      "unknown status",
      { seq: 10, cmi: cmi({ completion_status: "done" }) },
      /cmi\.completion_status: must be one of/,
    ],
    [
      "70,000-character suspend data",
      { seq: 10, cmi: cmi({ suspend_data: "x".repeat(70_000) }) },
      /cmi\.suspend_data: must be at most 64,000 characters/,
    ],
    [
      "a number where a string belongs",
      { seq: 10, cmi: cmi({ location: 7 }) },
      /cmi\.location: must be a string/,
    ],
    ["a sequence that is not a number", { seq: "10", cmi: cmi() }, /seq: must be a number/],
    [
      "an interaction with an unknown result",
      { seq: 10, cmi: cmi({ interactions: { 0: { id: "q1", type: "choice", result: "great" } } }) },
      /cmi\.interactions\.0\.result: must be correct, incorrect/,
    ],
    [
      "a bad duration",
      { seq: 10, cmi: cmi({ session_time: "90 seconds" }) },
      /cmi\.session_time: must be an ISO 8601 duration/,
    ],
  ];
  for (const [name, body, message] of malformed) {
    test(`${name} → 400 naming the field, nothing changed`, async () => {
      const before = await stored(anaPlayer.attemptId);
      const res = await sendCommit(ana, anaPlayer, body);
      assert.equal(res.status, 400);
      const json = (await res.json()) as { error: string };
      assert.match(json.error, message);
      assert.deepEqual(await stored(anaPlayer.attemptId), before);
    });
  }

  test("sequence 5 after sequence 7 is ignored", async () => {
    await sendCommit(ana, anaPlayer, { seq: 7, cmi: cmi({ location: "lesson-3" }) });
    const res = await sendCommit(ana, anaPlayer, { seq: 5, cmi: cmi({ location: "lesson-2" }) });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), {
      result: "true",
      errorCode: 0,
      seq: 7,
      applied: false,
      session: null,
    });
    const a = await stored(anaPlayer.attemptId);
    assert.equal(a?.seq, 7);
    assert.equal(a?.location, "lesson-3");
  });

  test("the same commit twice is stored once", async () => {
    const body = {
      seq: 8,
      session: "session-a1",
      cmi: cmi({
        interactions: {
          0: { id: "quiz-q1", type: "choice", learner_response: "a", result: "correct" },
        },
      }),
    };
    const first = await sendCommit(ana, anaPlayer, body);
    const firstDoc = await stored(anaPlayer.attemptId);
    const second = await sendCommit(ana, anaPlayer, body);
    assert.equal(((await first.json()) as { applied: boolean }).applied, true);
    // The player recognises its own retry by the session that stored it.
    assert.deepEqual(await second.json(), {
      result: "true",
      errorCode: 0,
      seq: 8,
      applied: false,
      session: "session-a1",
    });
    const a = await stored(anaPlayer.attemptId);
    assert.equal(a?.interactions.length, 1);
    assert.deepEqual(a, firstDoc, "the repeat changed nothing, not even timestamps");
  });

  test("completion, success and score never move backwards within an attempt", async () => {
    await sendCommit(ana, anaPlayer, {
      seq: 20,
      cmi: cmi({
        completion_status: "completed",
        success_status: "passed",
        score: { scaled: "0.9", raw: "90" },
      }),
    });
    await sendCommit(ana, anaPlayer, {
      seq: 21,
      cmi: cmi({
        completion_status: "incomplete",
        success_status: "failed",
        score: { scaled: "0.4", raw: "40" },
      }),
    });
    const a = await stored(anaPlayer.attemptId);
    assert.equal(a?.seq, 21);
    assert.equal(a?.completionRank, 2);
    assert.equal(a?.successRank, 2);
    assert.equal(a?.scoreScaled, 0.9);
    assert.ok(a?.completedAt instanceof Date && a.passedAt instanceof Date);
  });

  test("total time sums the longest session time of each browser session", async () => {
    await sendCommit(ana, anaPlayer, {
      seq: 30,
      session: "session-a1",
      cmi: cmi({ session_time: "PT2M" }),
    });
    await sendCommit(ana, anaPlayer, {
      seq: 31,
      session: "session-a2",
      cmi: cmi({ session_time: "PT45S" }),
    });
    const a = await stored(anaPlayer.attemptId);
    assert.deepEqual(a?.sessionSeconds, { "session-a1": 120, "session-a2": 45 });
  });

  test("a retake is a new attempt and the old one stays", async () => {
    const retake = await openPlayer(ana, "trust", true);
    assert.notEqual(retake.attemptId, anaPlayer.attemptId);
    const attempts = await Attempt.find({ slug: "trust" }).sort({ number: 1 }).lean();
    const anas = attempts.filter(
      (a) => a._id.toString() === anaPlayer.attemptId || a._id.toString() === retake.attemptId,
    );
    assert.deepEqual(
      anas.map((a) => [a.number, a.successRank]),
      [
        [1, 2],
        [2, 0],
      ],
    );
    assert.equal(retake.cmi.entry, "ab-initio");
  });

  test("resuming preloads the saved CMI data", async () => {
    const again = await openPlayer(ben, "trust");
    assert.equal(again.attemptId, benPlayer.attemptId);
    await sendCommit(ben, benPlayer, {
      seq: 3,
      cmi: cmi({
        location: "lesson-4",
        suspend_data: '{"seen":[1,2,3]}',
        interactions: {
          0: {
            id: "check-a",
            type: "true-false",
            learner_response: "true",
            result: "correct",
            correct_responses: { 0: { pattern: "true" } },
          },
        },
      }),
    });
    const resumed = await openPlayer(ben, "trust");
    assert.equal(resumed.seq, 3);
    assert.equal(resumed.cmi.entry, "resume");
    assert.equal(resumed.cmi.location, "lesson-4");
    assert.equal(resumed.cmi.suspend_data, '{"seen":[1,2,3]}');
    assert.deepEqual(
      (resumed.cmi.interactions as Record<string, { correct_responses: unknown }>)["0"]
        ?.correct_responses,
      {
        0: { pattern: "true" },
      },
    );
  });
});

describe("attempt rules", () => {
  test("a commit that leaves out location, suspend data and interactions keeps the stored ones", async () => {
    const before = await stored(benPlayer.attemptId);
    assert.ok(before?.location, "Ben has a stored location");
    const res = await sendCommit(ben, benPlayer, {
      seq: 40,
      cmi: { completion_status: "incomplete" },
    });
    assert.equal(res.status, 200);
    const after = await stored(benPlayer.attemptId);
    assert.equal(after?.seq, 40);
    assert.equal(after?.location, before?.location);
    assert.equal(after?.suspendData, before?.suspendData);
    assert.deepEqual(after?.interactions, before?.interactions);
  });

  test("asking to retake an unfinished attempt resumes it instead", async () => {
    const again = await openPlayer(ben, "trust", true);
    assert.equal(again.attemptId, benPlayer.attemptId);
  });

  test("an archived module keeps its learners' attempts open and takes no new ones", async () => {
    await Module.updateOne({ slug: "trust" }, { archived: true });
    try {
      const resumed = await openPlayer(ben, "trust");
      assert.equal(resumed.attemptId, benPlayer.attemptId);
      const benCatalog = await (await ben.get("/catalog")).text();
      assert.match(benCatalog, /data-slug="trust"/);
      assert.match(
        benCatalog,
        /5 lessons · about 15 minutes/,
        "the card reads its figures from the projection",
      );
      const newcomer = await signedInLearner(app.baseUrl, "cy@example.com");
      assert.equal((await newcomer.get("/modules/trust")).status, 404);
      assert.doesNotMatch(await (await newcomer.get("/catalog")).text(), /data-slug="trust"/);
      const versionId = (await stored(benPlayer.attemptId))?.versionId.toString();
      assert.equal((await ben.get(`/bundles/${versionId}/index.html`)).status, 200);
      assert.equal(
        (await newcomer.get(`/bundles/${versionId}/index.html`)).status,
        404,
        "an archived module's bundle is only for those who started it",
      );
      const start = await newcomer.postForm("/modules/trust/attempts", {}, "/catalog");
      assert.equal(start.status, 404);
      assert.equal(
        await Attempt.countDocuments({ slug: "trust", number: 1 }),
        2,
        "Ana's and Ben's only",
      );
    } finally {
      await Module.updateOne({ slug: "trust" }, { archived: false });
    }
  });

  test("a bundle address with a malformed version id is a 404, not a server error", async () => {
    const res = await ben.get("/bundles/not-an-id/index.html");
    assert.equal(res.status, 404);
  });
});
