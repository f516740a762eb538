/**
 * Embedded database for running Rapport without MONGODB_URI: a MongoDB-wire server
 * (mongo-java-server 1.47.0 with its H2 MVStore backend) in a Java child process, built from
 * server/db/embedded with Maven on first use.
 *
 * The launcher adds to the stock server: every index (unique or not) is kept in the data file and
 * used by queries, unacknowledged writes work, and the JVM heap is bounded (EMBEDDED_DB_MAX_HEAP).
 * Known limits: no multi-document transactions, and TTL indexes never expire.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { delimiter, join, relative } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

export interface EmbeddedMongo {
  /** `mongodb://127.0.0.1:<port>` without a database name: append `/<db>` yourself. */
  uri: string;
  port: number;
  pid: number;
  /** SIGTERM (clean shutdown: the store is committed and closed), SIGKILL after 10 s. */
  stop(): Promise<void>;
  /** resolves when the process exits for any reason */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface StartEmbeddedOptions {
  dataDir: string;
  log?: (line: string) => void;
  /** Called when the server dies after it was ready and stop() was not called. */
  onUnexpectedExit?: (info: { code: number | null; signal: NodeJS.Signals | null }) => void;
  /** JVM heap limit, e.g. "512m" or "1g"; defaults to EMBEDDED_DB_MAX_HEAP, else 512m. */
  maxHeap?: string;
}

export const MAX_HEAP_VARIABLE = "EMBEDDED_DB_MAX_HEAP";
const DEFAULT_MAX_HEAP = "512m";
const MIN_HEAP_MB = 64;
const HEAP_SIZE = /^(\d+)([kmg])$/i;

export interface HeapSetting {
  /** The JVM's -Xmx argument. */
  xmx: string;
  /** MVStore's page cache: an eighth of the heap, between 16 and 256 MB. */
  cacheMb: number;
}

/** Reads a heap size the way the JVM's -Xmx does (a number with k, m or g); throws naming the variable. */
export function parseMaxHeap(
  value: string = process.env[MAX_HEAP_VARIABLE] ?? DEFAULT_MAX_HEAP,
): HeapSetting {
  const match = HEAP_SIZE.exec(value.trim());
  const unitMb: Record<string, number> = { k: 1 / 1024, m: 1, g: 1024 };
  const megabytes =
    match?.[1] && match[2] ? Number(match[1]) * (unitMb[match[2].toLowerCase()] ?? 0) : Number.NaN;
  if (!Number.isFinite(megabytes) || megabytes < MIN_HEAP_MB) {
    throw new Error(
      `${MAX_HEAP_VARIABLE} must be a heap size of at least ${MIN_HEAP_MB}m written like 512m or 2g ` +
        `(a number followed by k, m or g); got ${JSON.stringify(value)}.`,
    );
  }
  const cacheMb = Math.min(256, Math.max(16, Math.floor(megabytes / 8)));
  return { xmx: `-Xmx${match?.[1]}${match?.[2]?.toLowerCase()}`, cacheMb };
}

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
const LAUNCHER_DIR = join(REPO_ROOT, "server", "db", "embedded");
const POM_PATH = join(LAUNCHER_DIR, "pom.xml");
const SOURCE_DIR = join(LAUNCHER_DIR, "src");
const TARGET_DIR = join(LAUNCHER_DIR, "target");
const JAR_PATH = join(TARGET_DIR, "rapport-embedded-mongo.jar");
const STAMP_PATH = join(TARGET_DIR, "rapport-embedded-mongo.sha256");
const LOCK_DIR = join(TARGET_DIR, ".build-lock");
const LOCK_OWNER_FILE = join(LOCK_DIR, "owner");

const MAVEN_ARGS = ["-q", "-B", "-f", POM_PATH, "package", "-DskipTests"];
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching the ESC character is the point.
const ANSI_ESCAPE = /\u001b\[[0-9;]*[A-Za-z]/g;
const LISTENING_LINE = /^RAPPORT_EMBEDDED_MONGO_LISTENING (\d+)$/;
const DATA_FILE_NAME = "rapport.mv.db";
const STARTUP_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;
// Maven builds take ~30 s when dependencies must be downloaded; a lock older than this belongs to
// a builder that is certainly gone, even if its pid has been reused since.
const STALE_LOCK_MS = 10 * 60_000;
const STDERR_TAIL_LINES = 40;

const MISSING_TOOLS_MESSAGE =
  "The embedded database needs Java and Maven, which were not found: set MONGODB_URI to a " +
  "MongoDB 6+ server, or install Java 17+ and Maven (e.g. `apt-get install openjdk-17-jdk-headless maven`).";

const defaultLog = (line: string): void => {
  console.error(line);
};

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function findOnPath(name: string): string | null {
  const extensions =
    process.platform === "win32" ? (process.env.PATHEXT ?? ".EXE;.CMD;.BAT").split(";") : [""];
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (dir === "") continue;
    for (const ext of extensions) {
      const candidate = join(dir, name + ext);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return null;
}

export function findJavaTools(): { java: string | null; mvn: string | null } {
  // JAVA_HOME wins over PATH because that is also the JDK Maven itself will use.
  const javaHome = process.env.JAVA_HOME;
  const javaName = process.platform === "win32" ? "java.exe" : "java";
  const fromHome = javaHome ? join(javaHome, "bin", javaName) : null;
  const java = fromHome && isExecutable(fromHome) ? fromHome : findOnPath("java");
  return { java, mvn: findOnPath("mvn") };
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

/** Covers every input of the Maven build, so an edited launcher is never run from a stale jar. */
function sourceHash(): string {
  const hash = createHash("sha256");
  const files = [POM_PATH, ...listFiles(SOURCE_DIR)].sort();
  for (const file of files) {
    hash.update(relative(LAUNCHER_DIR, file).split("\\").join("/"));
    hash.update("\0");
    hash.update(readFileSync(file));
    hash.update("\0");
  }
  return hash.digest("hex");
}

function isBuilt(hash: string): boolean {
  if (!existsSync(JAR_PATH)) return false;
  try {
    return readFileSync(STAMP_PATH, "utf8").trim() === hash;
  } catch {
    return false;
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function lockIsStale(): boolean {
  try {
    const pid = Number.parseInt(readFileSync(LOCK_OWNER_FILE, "utf8"), 10);
    if (Number.isInteger(pid) && pid > 0 && !processIsAlive(pid)) return true;
    return Date.now() - statSync(LOCK_DIR).mtimeMs > STALE_LOCK_MS;
  } catch {
    // The owner file is written right after mkdir; give a builder that was just starting a moment.
    try {
      return Date.now() - statSync(LOCK_DIR).mtimeMs > 5_000;
    } catch {
      return false;
    }
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Parallel test files may all want the jar at once; mkdir is atomic, so it serves as the lock. */
async function withBuildLock<T>(log: (line: string) => void, fn: () => Promise<T>): Promise<T> {
  mkdirSync(TARGET_DIR, { recursive: true });
  let announced = false;
  for (;;) {
    try {
      mkdirSync(LOCK_DIR);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      if (lockIsStale()) {
        rmSync(LOCK_DIR, { recursive: true, force: true });
        continue;
      }
      if (!announced) {
        log("Waiting for another process that is building the embedded database launcher…");
        announced = true;
      }
      await sleep(250);
    }
  }
  try {
    writeFileSync(LOCK_OWNER_FILE, String(process.pid));
    return await fn();
  } finally {
    rmSync(LOCK_DIR, { recursive: true, force: true });
  }
}

function runMaven(mvn: string, log: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const output: string[] = [];
    const child = spawn(mvn, MAVEN_ARGS, {
      cwd: REPO_ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const collect = (stream: NodeJS.ReadableStream) => {
      createInterface({ input: stream }).on("line", (line) => {
        // Maven 3.8 emits bare colour resets even with -B; they carry nothing worth logging.
        if (line.replace(ANSI_ESCAPE, "").trim() === "") return;
        output.push(line);
        log(`[mvn] ${line}`);
      });
    };
    if (child.stdout) collect(child.stdout);
    if (child.stderr) collect(child.stderr);
    child.once("error", (err) => reject(new Error(`Could not run Maven (${mvn}): ${err.message}`)));
    child.once("close", (code, signal) => {
      if (code === 0) {
        resolve();
        return;
      }
      const tail = output.slice(-60).join("\n");
      reject(
        new Error(
          `Building the embedded database launcher failed (mvn exit ${code ?? signal}).\n` +
            `Command: ${mvn} ${MAVEN_ARGS.join(" ")}\n${tail}`,
        ),
      );
    });
  });
}

export async function ensureLauncherBuilt(
  log: (line: string) => void = defaultLog,
): Promise<string> {
  const hash = sourceHash();
  if (isBuilt(hash)) return JAR_PATH;

  const { mvn } = findJavaTools();
  if (!mvn) throw new Error(MISSING_TOOLS_MESSAGE);

  return withBuildLock(log, async () => {
    // Whoever held the lock before us may just have built exactly this.
    if (isBuilt(hash)) return JAR_PATH;
    log("Building the embedded database launcher with Maven (first run only, ~30 s)…");
    // Without a stamp, no other process will pick up the jar while Maven rewrites it.
    rmSync(STAMP_PATH, { force: true });
    const started = Date.now();
    await runMaven(mvn, log);
    if (!existsSync(JAR_PATH)) {
      throw new Error(`Maven finished but ${JAR_PATH} does not exist.`);
    }
    const tmp = `${STAMP_PATH}.${process.pid}.tmp`;
    writeFileSync(tmp, `${hash}\n`);
    renameSync(tmp, STAMP_PATH);
    log(
      `Built ${relative(REPO_ROOT, JAR_PATH)} in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    );
    return JAR_PATH;
  });
}

type ExitInfo = { code: number | null; signal: NodeJS.Signals | null };

export async function startEmbeddedMongo(opts: StartEmbeddedOptions): Promise<EmbeddedMongo> {
  const log = opts.log ?? defaultLog;
  // Checked before building or starting anything, so a bad setting fails fast and says which.
  const heap = opts.maxHeap === undefined ? parseMaxHeap() : parseMaxHeap(opts.maxHeap);
  const jar = await ensureLauncherBuilt(log);
  const { java } = findJavaTools();
  if (!java) throw new Error(MISSING_TOOLS_MESSAGE);

  mkdirSync(opts.dataDir, { recursive: true });
  const dataFile = join(opts.dataDir, DATA_FILE_NAME);

  const child: ChildProcess = spawn(
    java,
    [
      // A small single-user database: the serial collector starts faster and uses fewer threads.
      "-XX:+UseSerialGC",
      // Without a limit the JVM takes up to a quarter of the machine's memory and keeps it.
      heap.xmx,
      "-jar",
      jar,
      "--data-file",
      dataFile,
      "--port",
      "0",
      "--cache-mb",
      String(heap.cacheMb),
      // If this Node process dies without calling stop(), the stdin pipe closes and the server
      // exits rather than keeping the data file locked.
      "--exit-on-stdin-eof",
    ],
    // Its own process group: a SIGTERM or Ctrl-C sent to the app's whole group must not stop the
    // database under requests still being answered; the app stops it last, with stop().
    { stdio: ["pipe", "pipe", "pipe"], detached: true },
  );
  // Nothing is ever written to stdin; this only keeps an EPIPE after the child died from crashing us.
  child.stdin?.on("error", () => {});

  const stderrTail: string[] = [];
  let startupTimer: NodeJS.Timeout | undefined;
  if (child.stderr) {
    createInterface({ input: child.stderr }).on("line", (line) => {
      stderrTail.push(line);
      // Output means progress (e.g. building the indexes of a stock server's file once, which
      // takes a while for a big one): the start-up timeout counts from the latest line.
      startupTimer?.refresh();
      if (stderrTail.length > STDERR_TAIL_LINES) stderrTail.shift();
      log(`[embedded-db] ${line}`);
    });
  }

  let resolveExited!: (info: ExitInfo) => void;
  const exited = new Promise<ExitInfo>((resolve) => {
    resolveExited = resolve;
  });
  let hasExited = false;
  let spawnError: Error | null = null;
  const markExited = (info: ExitInfo) => {
    if (hasExited) return;
    hasExited = true;
    resolveExited(info);
  };
  // "close" rather than "exit": by then stderr is fully read, so error messages have the whole tail.
  child.once("close", (code, signal) => markExited({ code, signal }));
  child.once("error", (err) => {
    spawnError = err;
    // A failed spawn may never emit "close".
    if (child.pid === undefined) markExited({ code: null, signal: null });
  });

  const describeTail = () =>
    stderrTail.length > 0 ? `\nLast output:\n${stderrTail.join("\n")}` : "";

  const port = await new Promise<number>((resolve, reject) => {
    let settled = false;
    const finish = (err: Error | null, value?: number) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      startupTimer = undefined;
      if (err) reject(err);
      else resolve(value as number);
    };
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      finish(
        new Error(
          `The embedded database did not report that it was listening within ${STARTUP_TIMEOUT_MS / 1000} s of its last output.${describeTail()}`,
        ),
      );
    }, STARTUP_TIMEOUT_MS);
    startupTimer = timer;
    if (child.stdout) {
      createInterface({ input: child.stdout }).on("line", (line) => {
        const match = LISTENING_LINE.exec(line);
        if (match?.[1]) finish(null, Number.parseInt(match[1], 10));
        else log(`[embedded-db] ${line}`);
      });
    }
    exited.then(({ code, signal }) => {
      const cause = spawnError
        ? `could not be started (${java}: ${(spawnError as Error).message})`
        : `exited before it was ready (code ${code}, signal ${signal})`;
      finish(new Error(`The embedded database ${cause}. Data file: ${dataFile}${describeTail()}`));
    });
  });

  let stopping: Promise<void> | null = null;
  exited.then((info) => {
    if (stopping) return;
    log(`[embedded-db] exited unexpectedly (code ${info.code}, signal ${info.signal})`);
    opts.onUnexpectedExit?.(info);
  });

  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (hasExited) return;
      child.kill("SIGTERM");
      let timer: NodeJS.Timeout | undefined;
      const timedOut = await Promise.race([
        exited.then(() => false),
        new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(true), STOP_TIMEOUT_MS);
        }),
      ]);
      clearTimeout(timer);
      if (timedOut) {
        log("[embedded-db] did not stop within 10 s after SIGTERM; sending SIGKILL");
        child.kill("SIGKILL");
        await exited;
      }
    })();
    return stopping;
  };

  return {
    uri: `mongodb://127.0.0.1:${port}`,
    port,
    pid: child.pid as number,
    stop,
    exited,
  };
}
