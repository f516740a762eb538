// Issue #13 item 7: a SIGTERM while learners were committing kept serving their kept-alive
// connections for 15 s and then forced exit(1); a SIGTERM to the whole process group (Ctrl-C, many
// supervisors) stopped the embedded database first, and commits got 500.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { HttpClient } from "../helpers/http-client.ts";
import { openPlayer, type PlayerConfig } from "../helpers/learner.ts";
import { type RunningApp, startRunningApp, stopRunningApp } from "../helpers/running-app.ts";

const dataDir = mkdtempSync(join(tmpdir(), "rapport-drain-"));
after(() => rmSync(dataDir, { recursive: true, force: true }));

const LEARNERS = 8;
const SENDERS_PER_LEARNER = 8;
const COMMITS_BEFORE_STOP = 400;
// Bounds every sender, so the test ends even if the app never stops.
const MAX_COMMITS_PER_SENDER = 300;
const PASSWORD = "drain test passphrase";

const cmi = (seq: number) => ({
  completion_status: "incomplete",
  success_status: "unknown",
  location: `lesson-${seq}`,
  suspend_data: `{"seq":${seq}}`,
  score: { scaled: "", raw: "", min: "", max: "" },
  session_time: "PT1S",
  interactions: {},
});

interface Learner {
  email: string;
  client: HttpClient;
  player: PlayerConfig;
  nextSeq: number;
  highestAcknowledged: number;
}

async function newLearner(app: RunningApp, i: number): Promise<Learner> {
  const email = `drain${i}@example.com`;
  const client = new HttpClient(app.baseUrl);
  const reg = await client.postForm(
    "/register",
    { email, displayName: `Learner ${i}`, password: PASSWORD },
    "/register",
  );
  assert.equal(reg.status, 302);
  const player = await openPlayer(client, "trust");
  return { email, client, player, nextSeq: player.seq + 1, highestAcknowledged: 0 };
}

type Sent = { status: number } | { unanswered: string };

/**
 * One commit as the player sends it, over kept-alive connections. A request that fails on a
 * connection the app never accepted (refused once the port closed, or reset while still waiting
 * in the listen queue) never reached the app; one that fails on a connection the app had already
 * answered on was dropped by the app.
 */
function sendCommit(agent: http.Agent, baseUrl: string, player: PlayerConfig, body: unknown) {
  return new Promise<Sent>((resolve) => {
    const req = http.request(
      `${baseUrl}${player.commitUrl}`,
      {
        agent,
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/json",
          authorization: `Bearer ${player.commitToken}`,
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0 }));
      },
    );
    req.on("error", (err: NodeJS.ErrnoException) =>
      resolve({
        unanswered: req.reusedSocket ? `dropped (${err.code})` : "connection not accepted",
      }),
    );
    req.end(JSON.stringify(body));
  });
}

test("SIGTERM to the whole group while learners commit: every commit is answered, nothing acknowledged is lost, exit 0", async (t) => {
  // Each sender commits as fast as it can, far past one learner's per-attempt budget.
  const app = await startRunningApp({
    dataDir,
    ownProcessGroup: true,
    env: { COMMITS_PER_MINUTE: "1000000" },
  });
  const learners: Learner[] = [];
  for (let i = 0; i < LEARNERS; i++) learners.push(await newLearner(app, i));

  const statuses: Record<number, number> = {};
  const unanswered: Record<string, number> = {};
  let acknowledged = 0;
  let signalled: () => void = () => {};
  const enoughSent = new Promise<void>((resolve) => {
    signalled = resolve;
  });
  const agent = new http.Agent({ keepAlive: true, maxSockets: LEARNERS * SENDERS_PER_LEARNER });
  const sender = async (learner: Learner) => {
    for (let n = 0; n < MAX_COMMITS_PER_SENDER; n++) {
      const seq = learner.nextSeq++;
      const sent = await sendCommit(agent, app.baseUrl, learner.player, {
        seq,
        session: "drain-session",
        cmi: cmi(seq),
      });
      if ("unanswered" in sent) {
        unanswered[sent.unanswered] = (unanswered[sent.unanswered] ?? 0) + 1;
        return; // the app no longer takes connections: a player would retry later
      }
      statuses[sent.status] = (statuses[sent.status] ?? 0) + 1;
      if (sent.status === 200) {
        learner.highestAcknowledged = Math.max(learner.highestAcknowledged, seq);
        if (++acknowledged === COMMITS_BEFORE_STOP) signalled();
      }
    }
  };
  const senders = learners.flatMap((l) =>
    Array.from({ length: SENDERS_PER_LEARNER }, () => sender(l)),
  );

  await Promise.race([enoughSent, Promise.all(senders)]);
  assert.ok(
    acknowledged >= COMMITS_BEFORE_STOP,
    `the app acknowledged ${acknowledged} commits before the stop: ${JSON.stringify(statuses)}`,
  );
  const exitCode = await stopRunningApp(app, { wholeGroup: true });
  await Promise.all(senders);
  agent.destroy();
  t.diagnostic(`answers ${JSON.stringify(statuses)}, no answer ${JSON.stringify(unanswered)}`);

  assert.equal(exitCode, 0, "the app stopped by itself, in time, after draining");
  assert.deepEqual(
    Object.keys(statuses),
    ["200"],
    `every answer was 200: ${JSON.stringify(statuses)}`,
  );
  assert.deepEqual(
    Object.keys(unanswered),
    ["connection not accepted"],
    `requests without an answer never reached the app: ${JSON.stringify(unanswered)}`,
  );
  assert.ok(app.logs.some((l) => l.msg === "stopped"));

  // Everything acknowledged before the stop is in the data file.
  const again = await startRunningApp({ dataDir });
  try {
    for (const learner of learners) {
      const client = new HttpClient(again.baseUrl);
      const signIn = await client.postForm(
        "/login",
        { email: learner.email, password: PASSWORD },
        "/login",
      );
      assert.equal(signIn.status, 302);
      const player = await openPlayer(client, "trust");
      assert.equal(player.attemptId, learner.player.attemptId);
      assert.ok(
        player.seq >= learner.highestAcknowledged,
        `${learner.email}: stored seq ${player.seq} < acknowledged ${learner.highestAcknowledged}`,
      );
    }
  } finally {
    assert.equal(await stopRunningApp(again), 0);
  }
});
