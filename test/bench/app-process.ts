// The app as a separate process for benchmarks: started the way `npm start` runs it, so start-up
// time and memory are the real ones.
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { REPO_ROOT } from "../../server/config.ts";

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Polls /readyz (the database answers) until it returns 200. */
export async function waitUntilReady(
  url: string,
  timeoutMs = 60_000,
  everyMs = 100,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(`${url}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`the app did not become ready within ${timeoutMs / 1000} s`);
}

export interface AppProcess {
  child: ChildProcess;
  pid: number;
  baseUrl: string;
  /** From spawn to the first 200 from /readyz. */
  startupMs: number;
  stop(): Promise<void>;
}

/**
 * `server/main.ts` on the embedded database under `dataDir` (no MONGODB_URI), one process, as
 * `npm start` runs it (tsx's loader in the app's own Node process rather than tsx's CLI wrapper,
 * so the pid is the app's and its Java child is the database).
 */
export async function startAppProcess(opts: {
  dataDir: string;
  env?: Record<string, string>;
}): Promise<AppProcess> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: opts.dataDir,
    PORT: String(port),
    LOG_LEVEL: "warn",
    ...opts.env,
  };
  delete env.MONGODB_URI;
  delete env.NODE_ENV;
  const started = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: REPO_ROOT,
    env,
    stdio: ["ignore", "inherit", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const baseUrl = `http://127.0.0.1:${port}`;
  await Promise.race([
    waitUntilReady(baseUrl, 300_000, 20),
    exited.then(() => {
      throw new Error("the app exited before it was ready");
    }),
  ]);
  const startupMs = performance.now() - started;
  return {
    child,
    pid: child.pid as number,
    baseUrl,
    startupMs,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      await exited;
    },
  };
}
