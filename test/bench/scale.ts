// npm run bench:scale — how Rapport's requests behave as attempts grow from 1k to 10k to 100k
// (issue #10). For each size: seed through the app's own functions while the app is stopped,
// start the app as `npm start` does and time it to /readyz, time the learner and admin requests,
// run open-loop commits at fixed rates, and read memory and the data file size. Prints figures
// per size, then one JSON line that runs can be compared by. Not a pass/fail test.
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createUser } from "../../server/auth/create-user.ts";
import { User } from "../../server/auth/user-model.ts";
import { loadConfig } from "../../server/config.ts";
import { loadCourseLibrary } from "../../server/content/load-course-library.ts";
import { connectDatabase } from "../../server/db/connect.ts";
import { createLogger } from "../../server/http/logger.ts";
import { Attempt } from "../../server/runtime/attempt-model.ts";
import { startAppProcess } from "./app-process.ts";
import { commitTargets } from "./commit-targets.ts";
import { median, percentile, roundMs } from "./latency-stats.ts";
import {
  type CommitTarget,
  type OpenLoopResult,
  openLoopCommits,
  waitUntilCommitsAreQuick,
} from "./open-loop-commits.ts";
import { javaChildPid, processMemory } from "./process-memory.ts";
import { buildCommitBody } from "./realistic-commit.ts";
import { REQUESTS, type RequestName, sampleRequests, signIn } from "./request-samples.ts";
import { randomSession, ScaleSeeder } from "./seed-scale-data.ts";

const envNumber = (name: string, fallback: number) => {
  const raw = process.env[name];
  const value = raw === undefined || raw === "" ? fallback : Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
};

const MAX = envNumber("BENCH_SCALE_MAX", 100_000);
const SAMPLES = envNumber("BENCH_SCALE_SAMPLES", 20);
const WARMUP = envNumber("BENCH_SCALE_WARMUP", 3);
const RATES = (process.env.BENCH_SCALE_RATES || "100,500,1000").split(",").map(Number);
const SECONDS = envNumber("BENCH_SCALE_SECONDS", 10);
const POOL = envNumber("BENCH_SCALE_POOL", 256);
const CONCURRENCY = envNumber("BENCH_SCALE_CONCURRENCY", 24);
const TIMEOUT_MS = 10_000;
if (RATES.some((r) => !(r > 0))) throw new Error("BENCH_SCALE_RATES must be positive numbers");

const SIZES = [1_000, 10_000, 100_000].filter((n) => n <= MAX);
if (SIZES.length === 0) SIZES.push(MAX);

const LEARNER = { email: "scale-learner@example.com", password: "scale learner password" };
const ADMIN = { email: "scale-admin@example.com", password: "scale admin password 1" };

const runStarted = performance.now();
const elapsed = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
const log = (line: string) => console.log(line);
const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));

const dataDir = mkdtempSync(join(tmpdir(), "rapport-scale-"));
// The same configuration the app will read: above all the session secret in DATA_DIR, which signs
// the commit tokens the open-loop test uses.
const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: "warn" });
const logger = createLogger("warn");
log(
  `bench:scale: sizes ${SIZES.map((n) => n.toLocaleString("en")).join(", ")}; ${SAMPLES} samples ` +
    `after ${WARMUP} warm-up rounds; open loop at ${RATES.join(", ")} commits/s for ${SECONDS} s ` +
    `over ${POOL} attempts; data in ${dataDir}`,
);

interface SizeResult {
  attempts: number;
  medianMs: Record<RequestName, number>;
  p95Ms: Record<RequestName, number>;
  openLoop: OpenLoopResult[];
  startupMs: number;
  javaRssMb: number;
  javaPeakMb: number;
  nodeRssMb: number;
  nodePeakMb: number;
  dataFileMb: number;
}

let seeder: ScaleSeeder | null = null;
let learnerId = "";
const results: SizeResult[] = [];

/** Seeds while the app is stopped: the benchmark opens the data file as the app would. */
async function seed(size: number): Promise<void> {
  const started = performance.now();
  const db = await connectDatabase(config, logger);
  try {
    const library = await loadCourseLibrary({ logger });
    log(`  database up and library loaded (${library.added.length} added) in ${elapsed(started)}`);
    if (!seeder) {
      seeder = await ScaleSeeder.create();
      // The two accounts the benchmark signs in with, through the app's own createUser.
      learnerId = (await createUser({ ...LEARNER, displayName: "Scale Learner" })).id;
      await createUser({ ...ADMIN, displayName: "Scale Admin", role: "admin" });
      // A typical learner: a passed module retaken and now in progress again (opening the player
      // resumes it), a failed one, one in progress, one passed, one not started.
      await seeder.playAttempt(learnerId, "trust", "passed-second-try");
      await seeder.playAttempt(learnerId, "trust", "in-progress");
      await seeder.playAttempt(learnerId, "conflict", "failed");
      await seeder.playAttempt(learnerId, "communication", "in-progress");
      await seeder.playAttempt(learnerId, "managing-up", "passed");
    }
    await seeder.seedTo(size, { concurrency: CONCURRENCY, log });
    const [attempts, users] = await Promise.all([
      Attempt.estimatedDocumentCount(),
      User.estimatedDocumentCount(),
    ]);
    log(
      `  the database holds ${attempts.toLocaleString("en")} attempts by ${users.toLocaleString("en")} users`,
    );
  } finally {
    await db.close();
  }
}

async function measure(size: number): Promise<SizeResult> {
  const seeded = seeder;
  if (!seeded) throw new Error("seed first");
  let phase = performance.now();
  // The open-loop test sends each of its attempts a commit or more a second, far above the
  // per-attempt budget a real learner needs; lift it so the figures measure capacity.
  const app = await startAppProcess({ dataDir, env: { COMMITS_PER_MINUTE: "1000000" } });
  log(`  app ready in ${fmt(app.startupMs)} ms (spawn to first 200 from /readyz)`);
  try {
    const learner = await signIn(app.baseUrl, LEARNER.email, LEARNER.password);
    const admin = await signIn(app.baseUrl, ADMIN.email, ADMIN.password);
    const resume = seeded.latestAttempt(learnerId, "trust");
    if (!resume) throw new Error("the bench learner has no trust attempt");
    const trust = seeded.module("trust");
    const session = randomSession(Math.random);
    const template = JSON.stringify(
      buildCommitBody(trust, resume.plan, { stage: "final", seq: 1, session }),
    );
    const times = await sampleRequests({
      learner,
      admin,
      resumeSlug: "trust",
      reportSlug: "trust",
      commitBody: (seq) => template.replace('{"seq":1,', `{"seq":${seq},`),
      warmup: WARMUP,
      samples: SAMPLES,
      progress: log,
    });
    const medianMs = {} as Record<RequestName, number>;
    const p95Ms = {} as Record<RequestName, number>;
    for (const name of REQUESTS) {
      medianMs[name] = roundMs(median(times[name]));
      p95Ms[name] = roundMs(percentile(times[name], 95));
      log(
        `  ${name.padEnd(11)} median ${fmt(medianMs[name]).padStart(7)} ms   p95 ${fmt(p95Ms[name]).padStart(7)} ms`,
      );
    }
    log(`  requests: ${elapsed(phase)}`);

    phase = performance.now();
    const targets = commitTargets({
      seeder: seeded,
      count: POOL,
      exclude: new Set([learnerId]),
      secret: config.sessionSecret,
    });
    if (targets.length === 0) throw new Error("no attempts to commit to");
    const openLoop: OpenLoopResult[] = [];
    for (const rate of RATES) {
      const r = await openLoopCommits({
        baseUrl: app.baseUrl,
        targets,
        rate,
        seconds: SECONDS,
        timeoutMs: TIMEOUT_MS,
      });
      openLoop.push(r);
      const drainMs = await waitUntilCommitsAreQuick({
        baseUrl: app.baseUrl,
        target: targets[0] as CommitTarget,
      });
      log(
        `  open loop ${rate}/s over ${targets.length} attempts: sent ${r.sent} (${r.achievedRate.toFixed(0)}/s), ` +
          `p50 ${fmt(r.p50Ms)} ms, p99 ${fmt(r.p99Ms)} ms, errors ${r.errors}, stale ${r.stale}` +
          (r.errorExamples.length ? `; e.g. ${r.errorExamples.slice(0, 2).join(" | ")}` : "") +
          (drainMs > 1000 ? `; the server caught up ${(drainMs / 1000).toFixed(1)} s later` : ""),
      );
    }
    log(`  open loop: ${elapsed(phase)}`);

    const node = processMemory(app.pid);
    const javaPid = javaChildPid(app.pid);
    const java = javaPid ? processMemory(javaPid) : { rssMb: Number.NaN, peakMb: Number.NaN };
    log(
      `  memory: Node ${node.rssMb.toFixed(0)} MB (peak ${node.peakMb.toFixed(0)}), ` +
        `Java ${java.rssMb.toFixed(0)} MB (peak ${java.peakMb.toFixed(0)})`,
    );
    return {
      attempts: size,
      medianMs,
      p95Ms,
      openLoop,
      startupMs: Math.round(app.startupMs),
      javaRssMb: Math.round(java.rssMb),
      javaPeakMb: Math.round(java.peakMb),
      nodeRssMb: Math.round(node.rssMb),
      nodePeakMb: Math.round(node.peakMb),
      dataFileMb: 0,
    };
  } finally {
    await app.stop();
  }
}

try {
  for (const size of SIZES) {
    log(`\n== ${size.toLocaleString("en")} attempts ==`);
    const seedStarted = performance.now();
    await seed(size);
    log(`  seeding: ${elapsed(seedStarted)}`);
    const result = await measure(size);
    result.dataFileMb = Math.round(statSync(join(dataDir, "rapport.mv.db")).size / 1e5) / 10;
    log(`  data file: ${result.dataFileMb} MB; total so far ${elapsed(runStarted)}`);
    results.push(result);
  }
} finally {
  if (process.env.BENCH_SCALE_KEEP_DATA === "1") log(`data kept in ${dataDir}`);
  else rmSync(dataDir, { recursive: true, force: true });
}

log(`\nmedian ms (p95)   ${SIZES.map((n) => n.toLocaleString("en").padStart(18)).join("")}`);
for (const name of REQUESTS) {
  const cells = results.map((r) => `${fmt(r.medianMs[name])} (${fmt(r.p95Ms[name])})`.padStart(18));
  log(`${name.padEnd(17)} ${cells.join("")}`);
}
log(`finished in ${elapsed(runStarted)}`);

const perRequest = (pick: (r: SizeResult) => Record<RequestName, number>) =>
  Object.fromEntries(REQUESTS.map((name) => [name, results.map((r) => pick(r)[name])]));
console.log(
  JSON.stringify({
    attempts: results.map((r) => r.attempts),
    medianMs: perRequest((r) => r.medianMs),
    p95Ms: perRequest((r) => r.p95Ms),
    openLoop: results.flatMap((r) =>
      r.openLoop.map((o) => ({
        attempts: r.attempts,
        rate: o.rate,
        p50Ms: roundMs(o.p50Ms),
        p99Ms: roundMs(o.p99Ms),
        errors: o.errors,
      })),
    ),
    startupMs: results.map((r) => r.startupMs),
    javaRssMb: results.map((r) => r.javaRssMb),
    nodeRssMb: results.map((r) => r.nodeRssMb),
    dataFileMb: results.map((r) => r.dataFileMb),
  }),
);
