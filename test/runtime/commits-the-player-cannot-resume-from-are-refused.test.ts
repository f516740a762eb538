import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { loadCourseLibrary } from "../../server/content/load-course-library.ts";
import { createLogger } from "../../server/http/logger.ts";
import { Attempt } from "../../server/runtime/attempt-model.ts";
import { COMMITS_PER_MINUTE } from "../../server/runtime/commit-budget.ts";
import type { HttpClient } from "../helpers/http-client.ts";
import { openPlayer, type PlayerConfig, sendCommit, signedInLearner } from "../helpers/learner.ts";
import { preloadedCmi, preloadRefusal } from "../helpers/scorm-again-preload.ts";
import { startTestApp } from "../helpers/test-app.ts";

// Issue #13, item 2: values the commit endpoint used to store although the player could never
// resume from them. Each is refused now with a 400 naming the field, and nothing changes.

let app: Awaited<ReturnType<typeof startTestApp>>;
let ana: HttpClient;
let player: PlayerConfig;

const stored = async (id = player.attemptId) =>
  (await Attempt.findById(id).lean()) as unknown as Record<string, unknown> & { seq: number };

const interaction = (over: Record<string, unknown>) => ({
  interactions: {
    0: { id: "quiz-two-sides", type: "choice", result: "correct", ...over },
  },
});

async function commit(cmi: Record<string, unknown>, seq?: number) {
  const current = await stored();
  return sendCommit(ana, player, {
    seq: seq ?? current.seq + 1,
    session: "regression-session",
    cmi: { completion_status: "incomplete", ...cmi },
  });
}

/** The commit is refused naming the field, and the stored attempt is exactly as before. */
async function assertRefused(cmi: Record<string, unknown>, message: RegExp, seq?: number) {
  const before = await stored();
  const res = await commit(cmi, seq);
  const body = (await res.json()) as { error?: string };
  assert.equal(res.status, 400, JSON.stringify(body));
  assert.match(body.error ?? "", message);
  assert.deepEqual(await stored(), before, "nothing changed");
}

before(async () => {
  app = await startTestApp(import.meta.url);
  await loadCourseLibrary({ logger: createLogger("silent") });
  ana = await signedInLearner(app.baseUrl, "ana@example.com");
  player = await openPlayer(ana, "trust");
  const first = await commit({ score: { scaled: "0.5", raw: "50" }, session_time: "PT1M" });
  assert.equal(first.status, 200);
});
after(async () => {
  // Whatever the tests sent, the attempt still resumes.
  assert.equal(preloadRefusal(preloadedCmi(await stored())), null);
  await app.stop();
});

describe("values the player could not resume from", () => {
  test("a raw score of 400 nines is refused, not stored as Infinity", async () => {
    await assertRefused(
      { score: { scaled: "1", raw: "9".repeat(400) } },
      /cmi\.score\.raw: must be a decimal number/,
    );
    assert.equal((await stored()).scoreRaw, 50);
  });

  test("a score too near 0 to print as a decimal is refused", async () => {
    // Stored as a number, 0.0000001 would come back as "1e-7", which scorm-again refuses.
    await assertRefused(
      { score: { scaled: "0.0000001" } },
      /cmi\.score\.scaled: cannot be stored as written/,
    );
  });

  test(`a session_time of P<400 nines>Y is refused; total time stays finite`, async () => {
    await assertRefused(
      { session_time: `P${"9".repeat(400)}Y` },
      /cmi\.session_time: must be at most 366 days/,
    );
    assert.equal(preloadedCmi(await stored()).total_time, "PT60S");
  });

  test("an interaction description starting with {{ is refused", async () => {
    await assertRefused(
      interaction({ description: "{{ which response builds trust?" }),
      /cmi\.interactions\.0\.description: must not start with "\{"/,
    );
  });

  const unreadableChoices: [string, RegExp][] = [
    ['"};alert(36),"};alert(36)', /must separate entries with "\[,\]"/],
    ['"};alert(36)[,]"};alert(36)', /must not name a choice twice/],
    ['"};alert(36)\n', /must be 1 to 4,000 characters on one line/],
    ['"};alert(36)[,]', /has an empty entry/],
  ];
  for (const [response, message] of unreadableChoices) {
    test(`the choice response ${JSON.stringify(response)} is refused`, async () => {
      // Proof the value matters: scorm-again itself refuses it on preload.
      const preload = preloadedCmi({
        ...(await stored()),
        interactions: [{ id: "quiz-two-sides", type: "choice", learnerResponse: response }],
      });
      assert.notEqual(preloadRefusal(preload), null, "scorm-again refuses this response");
      await assertRefused(
        interaction({ learner_response: response }),
        new RegExp(`cmi\\.interactions\\.0\\.learner_response: ${message.source}`),
      );
    });
  }

  test("a choice response that only looks like script is stored as text and resumes", async () => {
    const res = await commit(interaction({ learner_response: '"};alert(36)' }));
    assert.equal(res.status, 200);
    const attempt = await stored();
    assert.deepEqual(
      (attempt.interactions as { learnerResponse: string }[]).map((i) => i.learnerResponse),
      ['"};alert(36)'],
    );
    assert.equal(preloadRefusal(preloadedCmi(attempt)), null);
  });
});

describe("the commit sequence never freezes an attempt", () => {
  test("seq 2^53−1 is refused, and the next honest commit is stored", async () => {
    await assertRefused({ location: "lesson-5" }, /seq: must be at most/, 2 ** 53 - 1);
    const res = await commit({ location: "lesson-2" });
    assert.equal(((await res.json()) as { applied: boolean }).applied, true);
    assert.equal((await stored()).location, "lesson-2");
  });

  test("a seq more than 100,000 past the stored one is refused", async () => {
    const { seq } = await stored();
    await assertRefused(
      { location: "lesson-5" },
      /seq: must be at most 100,000 above the stored/,
      seq + 100_001,
    );
    const res = await commit({ location: "lesson-3" }, seq + 100_000);
    assert.equal(((await res.json()) as { applied: boolean }).applied, true, "the edge is fine");
  });
});

describe("the commit budget", () => {
  test(`past ${COMMITS_PER_MINUTE} commits a minute an attempt gets 429 and nothing is stored`, async () => {
    const ben = await signedInLearner(app.baseUrl, "ben@example.com");
    const benPlayer = await openPlayer(ben, "trust");
    const started = Date.now();
    let accepted = 0;
    let refused: Response | null = null;
    // Until the first refusal: the bucket refills one commit a second, so how many get through
    // depends on how long they took, and the bound below allows for that.
    for (let seq = 1; seq <= 300 && !refused; seq++) {
      const res = await sendCommit(ben, benPlayer, { seq, cmi: { location: `step-${seq}` } });
      if (res.status === 429) refused = res;
      else {
        assert.equal(res.status, 200);
        accepted++;
        await res.arrayBuffer();
      }
    }
    assert.ok(refused, "a 429 came");
    const seconds = Math.ceil((Date.now() - started) / 1000);
    assert.ok(accepted >= COMMITS_PER_MINUTE, `${accepted} commits before the 429`);
    assert.ok(accepted <= COMMITS_PER_MINUTE + seconds, `${accepted} commits in ${seconds} s`);
    assert.match(refused.headers.get("retry-after") ?? "", /^\d+$/);
    const body = (await refused.json()) as { error: string };
    assert.match(body.error, /saving more than 60 times a minute; try again in \d+ s/);
    const attempt = await stored(benPlayer.attemptId);
    assert.equal(attempt.seq, accepted, "the refused commit was not stored");
  });
});
