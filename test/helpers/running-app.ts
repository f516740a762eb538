import { type ChildProcess, spawn } from "node:child_process";
import { REPO_ROOT } from "../../server/config.ts";

export interface RunningApp {
  child: ChildProcess;
  baseUrl: string;
  logs: Record<string, unknown>[];
}

/**
 * `server/main.ts` as `npm start` runs it, on the embedded database in `dataDir`, resolved once
 * `listeners` processes (1, or each cluster worker) have logged that they listen.
 */
export async function startRunningApp(opts: {
  dataDir: string;
  env?: Record<string, string>;
  listeners?: number;
  /** Its own process group, so a test can signal the whole group as a terminal or supervisor does. */
  ownProcessGroup?: boolean;
  /** A database the test also reads (instead of the app's own embedded one). */
  mongodbUri?: string;
}): Promise<RunningApp> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: opts.dataDir,
    PORT: "0",
    LOG_LEVEL: "info",
    ...opts.env,
  };
  delete env.MONGODB_URI;
  delete env.NODE_ENV;
  if (opts.mongodbUri) env.MONGODB_URI = opts.mongodbUri;
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: REPO_ROOT,
    env,
    detached: opts.ownProcessGroup ?? false,
  });
  const logs: Record<string, unknown>[] = [];
  let stderr = "";
  child.stderr?.on("data", (d) => {
    stderr += d;
  });
  const wanted = opts.listeners ?? 1;
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 120 s:\n${stderr}`)), 120_000);
    let buffer = "";
    let listening = 0;
    child.stdout?.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      for (;;) {
        const nl = buffer.indexOf("\n");
        if (nl < 0) break;
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        try {
          const entry = JSON.parse(line) as Record<string, unknown>;
          logs.push(entry);
          const match = String(entry.msg ?? "").match(/listening on (http:\/\/\S+)/);
          if (match?.[1] && ++listening === wanted) {
            clearTimeout(timer);
            resolve(match[1].replace("localhost", "127.0.0.1"));
          }
        } catch {
          // Maven's build output is plain text; only JSON lines are log entries.
        }
      }
    });
    child.once("exit", (code) =>
      reject(new Error(`app exited with ${code} before listening:\n${stderr}`)),
    );
  });
  return { child, baseUrl, logs };
}

/**
 * SIGTERM, as a supervisor would send (to the whole process group with `wholeGroup`, which
 * needs `ownProcessGroup`); resolves with the exit code.
 */
export async function stopRunningApp(
  app: RunningApp,
  opts: { wholeGroup?: boolean } = {},
): Promise<number | null> {
  if (app.child.exitCode !== null) return app.child.exitCode;
  const exited = new Promise<number | null>((resolve) =>
    app.child.once("exit", (code) => resolve(code)),
  );
  if (opts.wholeGroup && app.child.pid) process.kill(-app.child.pid, "SIGTERM");
  else app.child.kill("SIGTERM");
  return exited;
}
