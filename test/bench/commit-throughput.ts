// npm run bench:commit — how fast the commit endpoint stores progress, next to the database's own
// rate for the same conditional update and a bare Express JSON endpoint. Prints figures; the
// last line is one JSON object per the README's performance section. Not a pass/fail test.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import mongoose from "mongoose";
import { createUser } from "../../server/auth/create-user.ts";
import { REPO_ROOT } from "../../server/config.ts";
import { startEmbeddedMongo } from "../../server/db/embedded-mongo.ts";
import { commitUpdate } from "../../server/runtime/apply-commit.ts";
import { Attempt } from "../../server/runtime/attempt-model.ts";
import { commitSchema } from "../../server/runtime/cmi-commit-schema.ts";
import { HttpClient } from "../helpers/http-client.ts";
import { openPlayer, type PlayerConfig } from "../helpers/learner.ts";
import { freePort, waitUntilReady } from "./app-process.ts";

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const LEVELS = [50, 200];
const PASSWORD = "bench password 1";

function realisticCmi(seq: number, lesson: number) {
  const interactions: Record<string, unknown> = {};
  for (let i = 0; i < 10; i++) {
    interactions[String(i)] = {
      id: `quiz-q${i}`,
      type: "choice",
      learner_response: "b",
      result: i % 3 ? "correct" : "incorrect",
      latency: "PT12S",
      description: "Which response builds trust after a missed deadline?",
      timestamp: "2026-11-22T10:00:00.00Z",
      correct_responses: { 0: { pattern: "b" } },
    };
  }
  return {
    completion_status: "incomplete",
    success_status: "unknown",
    location: `lesson-${lesson}`,
    suspend_data: JSON.stringify({ v: 1, seen: [1, 2, 3], r: { a: "x".repeat(1200) }, n: seq }),
    progress_measure: "0.6",
    score: { scaled: "", raw: "", min: "", max: "" },
    session_time: `PT${seq}S`,
    exit: "",
    interactions,
  };
}

async function waitForLine(child: ChildProcess, pattern: RegExp): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let buffer = "";
    child.stdout?.on("data", (d: Buffer) => {
      buffer += d.toString();
      const m = buffer.match(pattern);
      if (m) resolve(m);
    });
    child.once("exit", (code) => reject(new Error(`child exited with ${code}`)));
  });
}

interface LoadResult {
  perSec: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function load(opts: autocannon.Options): Promise<LoadResult> {
  const r = await autocannon({ duration: DURATION_S, ...opts });
  return {
    perSec: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
  };
}

const dataDir = mkdtempSync(join(tmpdir(), "rapport-bench-"));
const embedded = await startEmbeddedMongo({ dataDir, log: () => {} });
const dbName = "bench";
await mongoose.connect(embedded.uri, { dbName });
await mongoose.connection.syncIndexes();

const port = await freePort();
const env = {
  ...process.env,
  MONGODB_URI: `${embedded.uri}/${dbName}`,
  PORT: String(port),
  LOG_LEVEL: "warn",
  DATA_DIR: dataDir,
  // One app process by default; BENCH_WORKERS=2 measures two cluster workers (on this 2-core
  // machine they only add contention with the database and the load generator).
  WEB_CONCURRENCY: process.env.BENCH_WORKERS ?? "1",
  // Each connection commits back to back, far above a learner's pace: lift the per-attempt
  // budget so the run measures storing commits, not refusing them.
  COMMITS_PER_MINUTE: "1000000",
};
// APP_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the app while it is measured.
const appArgs = (process.env.APP_NODE_ARGS ?? "").split(" ").filter(Boolean);
const app = spawn(process.execPath, [...appArgs, "--import", "tsx", "server/main.ts"], {
  cwd: REPO_ROOT,
  env,
  stdio: ["ignore", "ignore", "inherit"],
});
const appUrl = `http://127.0.0.1:${port}`;
await waitUntilReady(appUrl);
console.log(`app on ${appUrl}; database ${embedded.uri}; ${DURATION_S} s per run`);

const maxConnections = Math.max(...LEVELS);
const players: PlayerConfig[] = [];
for (let i = 0; i < maxConnections; i++) {
  const email = `bench${i}@example.com`;
  await createUser({ email, displayName: `Bench ${i}`, password: PASSWORD });
  const client = new HttpClient(appUrl);
  await client.postForm("/login", { email, password: PASSWORD }, "/login");
  players.push(await openPlayer(client, "trust"));
}
console.log(`${players.length} learners signed in, one attempt each`);

// One realistic commit serialised once; only the sequence number changes per request, so the
// load generator spends its time sending, not building JSON.
const BODY_TEMPLATE = JSON.stringify({
  seq: 0,
  session: "benchsession",
  cmi: realisticCmi(0, 2),
}).replace('{"seq":0,', '{"seq":SEQ,');
const commitBody = (seq: number) => BODY_TEMPLATE.replace("SEQ", String(seq));

const seqs = new Map<string, number>();
const acked = new Map<string, number>();

async function benchCommits(connections: number): Promise<LoadResult & { lost: number }> {
  let next = 0;
  const result = await load({
    url: appUrl,
    connections,
    requests: [
      {
        method: "POST",
        setupRequest: (req, ctx) => {
          const context = ctx as Record<string, unknown>;
          // Each connection plays one learner, committing with rising sequence numbers.
          if (context.player === undefined) context.player = players[next++ % connections];
          const player = context.player as PlayerConfig;
          const seq = (seqs.get(player.attemptId) ?? 0) + 1;
          seqs.set(player.attemptId, seq);
          context.seq = seq;
          return {
            ...req,
            path: player.commitUrl,
            headers: {
              "content-type": "application/json",
              authorization: `Bearer ${player.commitToken}`,
            },
            body: JSON.stringify({
              seq,
              session: "benchsession",
              cmi: realisticCmi(seq, (seq % 5) + 1),
            }),
          };
        },
        onResponse: (status, _body, ctx) => {
          const context = ctx as Record<string, unknown>;
          const player = context.player as PlayerConfig;
          if (status === 200)
            acked.set(
              player.attemptId,
              Math.max(acked.get(player.attemptId) ?? 0, context.seq as number),
            );
        },
      },
    ],
  });
  let lost = 0;
  for (const [attemptId, seq] of acked) {
    const doc = await Attempt.findById(attemptId).select("seq").lean();
    if (!doc || doc.seq < seq) lost++;
  }
  return { ...result, lost };
}

async function benchBareDb(concurrency: number): Promise<number> {
  // The same conditional update the endpoint issues, built by the same function, straight
  // through the driver at the same concurrency: the database's own ceiling for commits.
  const coll = Attempt.collection;
  const users = new Map<string, mongoose.Types.ObjectId>();
  for (const a of await Attempt.find().select("userId").lean())
    users.set(a._id.toString(), a.userId);
  const targets = players.slice(0, concurrency);
  let ops = 0;
  const until = Date.now() + DURATION_S * 1000;
  await Promise.all(
    targets.map(async (player) => {
      const _id = new mongoose.Types.ObjectId(player.attemptId);
      const userId = users.get(player.attemptId);
      let seq = 1_000_000 + (seqs.get(player.attemptId) ?? 0);
      const commit = commitSchema.parse(JSON.parse(commitBody(seq)));
      while (Date.now() < until) {
        seq++;
        await coll.updateOne(
          { _id, userId, seq: { $lt: seq } },
          commitUpdate({ ...commit, seq }, new Date()),
        );
        ops++;
      }
      seqs.set(player.attemptId, seq);
    }),
  );
  return ops / DURATION_S;
}

async function benchBareExpress(connections: number): Promise<number> {
  const script = `
    import express from "express";
    const app = express();
    app.use(express.json({ limit: "1mb" }));
    app.post("/echo", (req, res) => res.json({ result: "true", seq: req.body.seq }));
    const s = app.listen(0, "127.0.0.1", () => console.log("PORT " + s.address().port));`;
  const child = spawn(process.execPath, ["--input-type=module", "-e", script], { cwd: REPO_ROOT });
  const port = (await waitForLine(child, /PORT (\d+)/))[1];
  const body = commitBody(1);
  const r = await load({
    url: `http://127.0.0.1:${port}/echo`,
    connections,
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
  });
  child.kill();
  return r.perSec;
}

let last: Record<string, number> = {};
for (const connections of LEVELS) {
  const commits = await benchCommits(connections);
  const bareDb = await benchBareDb(connections);
  const bareExpress = await benchBareExpress(connections);
  const ratio = commits.perSec / bareDb;
  console.log(
    `${connections} connections: ${commits.perSec.toFixed(0)} commits/s, p50 ${commits.p50} ms, p99 ${commits.p99} ms, ` +
      `errors ${commits.errors + commits.non2xx}, lost ${commits.lost}; bare database ${bareDb.toFixed(0)} writes/s; ` +
      `bare Express ${bareExpress.toFixed(0)} req/s; ratio ${ratio.toFixed(2)}`,
  );
  last = {
    connections,
    commitsPerSec: Math.round(commits.perSec),
    p99Ms: commits.p99,
    errors: commits.errors + commits.non2xx,
    lost: commits.lost,
    bareDbWritesPerSec: Math.round(bareDb),
    bareExpressPerSec: Math.round(bareExpress),
    ratio: Number(ratio.toFixed(2)),
  };
}

app.kill("SIGTERM");
await new Promise((resolve) => app.once("exit", resolve));
await mongoose.disconnect();
await embedded.stop();
rmSync(dataDir, { recursive: true, force: true });
console.log(JSON.stringify(last));
