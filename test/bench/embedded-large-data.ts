// npm run bench:large-data — the embedded database with many attempt-shaped documents (10 per
// learner, about 8 KB each: 10-20 interactions, 1-3 KB of suspend data), measured straight through
// the driver: start-up time, find by userId, the commit's conditional updateOne, and the Java
// process's resident memory after a burst of concurrent requests. Prints figures; not a pass/fail test.
//
// BENCH_DOCS       documents to generate (default 100000)
// BENCH_DATA_DIR   keep the generated data here and reuse it on the next run (default: a temporary dir)
// BENCH_JAR        measure this launcher jar instead of the current one, started the way the original
//                  launcher was (no heap or cache flags), e.g. a build of an older commit
// BENCH_JAR_FLAGS=current  start BENCH_JAR with the current heap and cache flags (to compare
//                  storage changes alone)
// BENCH_SAMPLES    timed requests per query kind (default 200; each kind also stops after 60 s)
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import mongoose from "mongoose";
import {
  ensureLauncherBuilt,
  findJavaTools,
  parseMaxHeap,
} from "../../server/db/embedded-mongo.ts";
import "../../server/audit/audit-event-model.ts";
import "../../server/auth/user-model.ts";
import "../../server/content/module-model.ts";
import "../../server/content/module-version-model.ts";
import "../../server/runtime/attempt-model.ts";

const DOCS = Number(process.env.BENCH_DOCS ?? 100_000);
const PER_USER = 10;
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);
const SAMPLE_BUDGET_MS = 60_000;
const DB_NAME = "rapport";
const { ObjectId } = mongoose.Types;

const keepData = process.env.BENCH_DATA_DIR;
const dataDir = keepData ?? mkdtempSync(join(tmpdir(), "rapport-large-"));
mkdirSync(dataDir, { recursive: true });
const dataFile = join(dataDir, "rapport.mv.db");
const stockJar = process.env.BENCH_JAR;
const stockFlags = stockJar !== undefined && process.env.BENCH_JAR_FLAGS !== "current";

interface Server {
  child: ChildProcess;
  uri: string;
  startMs: number;
  stderr: string[];
}

async function startServer(): Promise<Server> {
  const { java } = findJavaTools();
  if (!java) throw new Error("java not found");
  const jar = stockJar ?? (await ensureLauncherBuilt(() => {}));
  const heap = parseMaxHeap();
  const flags = stockFlags ? [] : [heap.xmx];
  const extra = stockFlags ? [] : ["--cache-mb", String(heap.cacheMb)];
  const started = performance.now();
  // With --exit-on-stdin-eof the server goes when this script does, however it ends.
  const args = ["--data-file", dataFile, "--port", "0", "--exit-on-stdin-eof", ...extra];
  const child = spawn(java, ["-XX:+UseSerialGC", ...flags, "-jar", jar, ...args], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  const stderr: string[] = [];
  if (child.stderr) createInterface({ input: child.stderr }).on("line", (l) => stderr.push(l));
  const port = await new Promise<number>((resolve, reject) => {
    if (child.stdout)
      createInterface({ input: child.stdout }).on("line", (line) => {
        const m = /^RAPPORT_EMBEDDED_MONGO_LISTENING (\d+)$/.exec(line);
        if (m?.[1]) resolve(Number(m[1]));
      });
    child.once("exit", (code) =>
      reject(new Error(`server exited (${code}): ${stderr.join("\n")}`)),
    );
  });
  return {
    child,
    uri: `mongodb://127.0.0.1:${port}`,
    startMs: performance.now() - started,
    stderr,
  };
}

async function stopServer(server: Server): Promise<void> {
  const exited = new Promise((resolve) => server.child.once("exit", resolve));
  server.child.kill("SIGTERM");
  await exited;
}

function memoryMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
  return { rss: Math.round(kb("VmRSS") / 1024), peak: Math.round(kb("VmHWM") / 1024) };
}

function attempt(userId: mongoose.Types.ObjectId, moduleId: mongoose.Types.ObjectId, i: number) {
  const interactions = Array.from({ length: 10 + (i % 11) }, (_, q) => ({
    id: `quiz-q${q}`,
    type: "choice",
    learnerResponse: "b",
    correctResponses: ["b"],
    result: q % 3 ? "correct" : "incorrect",
    latency: "PT12S",
    description: "Which response builds trust after a missed deadline?",
    timestamp: "2026-11-22T10:00:00Z",
  }));
  const now = new Date(Date.UTC(2026, 0, 1) + i * 1000);
  return {
    userId,
    moduleId,
    versionId: new ObjectId(),
    slug: `module-${i % PER_USER}`,
    version: 1,
    number: 1,
    seq: 5,
    completionRank: 1,
    successRank: i % 3,
    scoreScaled: null,
    scoreRaw: null,
    progressMeasure: 0.5,
    location: "lesson-3",
    suspendData: JSON.stringify({ v: 1, r: "x".repeat(1000 + (i % 2000)) }),
    interactions,
    sessionSeconds: { abc: 120 },
    lastCommitAt: now,
    lastSession: "abc",
    createdAt: now,
    updatedAt: now,
  };
}

async function generate(): Promise<void> {
  console.log(`generating ${DOCS} attempts in ${dataFile}…`);
  const server = await startServer();
  const started = performance.now();
  await mongoose.connect(`${server.uri}/${DB_NAME}`);
  await mongoose.connection.syncIndexes();
  const attempts = mongoose.connection.collection("attempts");
  const modules = Array.from({ length: PER_USER }, () => new ObjectId());
  let batch: ReturnType<typeof attempt>[] = [];
  let userId = new ObjectId();
  for (let i = 0; i < DOCS; i++) {
    if (i % PER_USER === 0) userId = new ObjectId();
    batch.push(attempt(userId, modules[i % PER_USER] as mongoose.Types.ObjectId, i));
    if (batch.length === 500 || i === DOCS - 1) {
      await attempts.insertMany(batch, { ordered: false });
      batch = [];
    }
  }
  await mongoose.disconnect();
  await stopServer(server);
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `generated in ${seconds.toFixed(0)} s; file ${(statSync(dataFile).size / 1e6).toFixed(0)} MB`,
  );
}

async function timed(
  label: string,
  run: (i: number) => Promise<unknown>,
  samples = SAMPLES,
): Promise<number> {
  const times: number[] = [];
  const deadline = performance.now() + SAMPLE_BUDGET_MS;
  for (let i = 0; i < samples && performance.now() < deadline; i++) {
    const t = performance.now();
    await run(i);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? Number.NaN;
  const p95 = times[Math.floor(times.length * 0.95)] ?? Number.NaN;
  console.log(
    `${label}: median ${median.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (${times.length} requests)`,
  );
  return median;
}

if (!existsSync(dataFile)) await generate();

const server = await startServer();
await mongoose.connect(`${server.uri}/${DB_NAME}`);
const readyStarted = performance.now();
await mongoose.connection.syncIndexes();
const syncMs = performance.now() - readyStarted;
console.log(
  `start-up: ${(server.startMs / 1000).toFixed(1)} s until listening, then syncIndexes ${syncMs.toFixed(0)} ms`,
);
const ignored = server.stderr.filter((l) => /not yet implemented/.test(l)).length;
console.log(`"not yet implemented. ignoring" lines: ${ignored}`);

const attempts = mongoose.connection.collection("attempts");
// Learners to ask about, spread over the collection; fetched once, not timed.
const sample = await attempts
  .find({}, { projection: { _id: 1, userId: 1 } })
  .limit(Math.min(DOCS, 50_000))
  .toArray();
const pick = (i: number) => sample[(i * 7919) % sample.length] as (typeof sample)[number];

const findMs = await timed("find({userId})", (i) =>
  attempts.find({ userId: pick(i).userId }).toArray(),
);
const catalogMs = await timed("find({userId}).sort({number:-1}) without big fields", (i) =>
  attempts
    .find({ userId: pick(i).userId })
    .sort({ number: -1 })
    .project({ suspendData: 0, interactions: 0 })
    .toArray(),
);
const updateMs = await timed("updateOne({_id, userId, seq:{$lt}})", (i) => {
  const doc = pick(i);
  return attempts.updateOne(
    { _id: doc._id, userId: doc.userId, seq: { $lt: 1_000_000 + i } },
    { $set: { seq: 1_000_000 + i, location: `lesson-${i}` } },
  );
});

// The attempts CSV's read: every attempt of one module, 500 a page on the (moduleId, _id) index,
// a few small fields of each (the engine still decodes each whole document to project them).
const csvModule = (await attempts.findOne({}, { projection: { moduleId: 1 } }))?.moduleId;
let csvRows = 0;
const csvReadMs = await timed(
  "one module's attempts, 500 a page with a few fields (the CSV's read)",
  async () => {
    csvRows = 0;
    let after: mongoose.Types.ObjectId | null = null;
    for (;;) {
      const page = await attempts
        .find(after ? { moduleId: csvModule, _id: { $gt: after } } : { moduleId: csvModule })
        .sort({ _id: 1 })
        .limit(500)
        .project({ userId: 1, number: 1, completionRank: 1, successRank: 1, lastCommitAt: 1 })
        .toArray();
      csvRows += page.length;
      if (page.length < 500) return;
      after = page[page.length - 1]?._id ?? null;
    }
  },
  10,
);
console.log(`  (${csvRows} rows each)`);

const quiet = memoryMb(server.child.pid as number);
console.log(`Java resident memory after the timed requests: ${quiet.rss} MB`);

// A burst like a classroom: 40 requests in flight, reads and commits mixed, bounded in count and
// time. Skipped when single requests already take seconds: it would only time out.
const burstStarted = performance.now();
const BURST = 2_000;
let next = 0;
let failed = 0;
if (findMs < 1_000) {
  await Promise.all(
    Array.from({ length: 40 }, async () => {
      while (next < BURST && performance.now() - burstStarted < SAMPLE_BUDGET_MS) {
        const i = next++;
        const doc = pick(i + 17);
        const request =
          i % 2
            ? attempts.find({ userId: doc.userId }).toArray()
            : attempts.updateOne(
                { _id: doc._id, userId: doc.userId, seq: { $lt: 2_000_000 + i } },
                { $set: { seq: 2_000_000 + i } },
              );
        await request.catch(() => failed++);
      }
    }),
  );
  const burstSeconds = (performance.now() - burstStarted) / 1000;
  console.log(
    `burst: ${next} requests at 40 in flight in ${burstSeconds.toFixed(1)} s, ${failed} failed`,
  );
} else {
  console.log("burst: skipped, single requests take over a second");
}
const memory = memoryMb(server.child.pid as number);
console.log(`Java resident memory: ${memory.rss} MB now, ${memory.peak} MB peak`);

await mongoose.disconnect();
await stopServer(server);
if (!keepData) rmSync(dataDir, { recursive: true, force: true });

console.log(
  JSON.stringify({
    docs: DOCS,
    launcher: stockJar ? "given jar" : "current",
    startMs: Math.round(server.startMs),
    syncIndexesMs: Math.round(syncMs),
    findByUserMs: Number(findMs.toFixed(1)),
    catalogMs: Number(catalogMs.toFixed(1)),
    conditionalUpdateMs: Number(updateMs.toFixed(1)),
    moduleCsvReadMs: Number(csvReadMs.toFixed(1)),
    rssMb: memory.rss,
    peakRssMb: memory.peak,
  }),
);
