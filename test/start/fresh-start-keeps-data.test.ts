// `npm start` on a fresh data directory with the embedded database: it serves the sign-in page,
// loads the course library once, stops cleanly on SIGTERM, and a second start keeps the data.
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { REPO_ROOT } from "../../server/config.ts";
import { listCourseFolders } from "../../server/content/read-course-folder.ts";
import { HttpClient } from "../helpers/http-client.ts";

const dataDir = mkdtempSync(join(tmpdir(), "rapport-start-"));
after(() => rmSync(dataDir, { recursive: true, force: true }));

interface Running {
  child: ChildProcess;
  baseUrl: string;
  logs: Record<string, unknown>[];
}

async function startApp(): Promise<Running> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: "0",
    LOG_LEVEL: "info",
  };
  delete env.MONGODB_URI;
  delete env.NODE_ENV;
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: REPO_ROOT,
    env,
  });
  const logs: Record<string, unknown>[] = [];
  let stderr = "";
  child.stderr?.on("data", (d) => {
    stderr += d;
  });
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 120 s:\n${stderr}`)), 120_000);
    let buffer = "";
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
          if (match?.[1]) {
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

async function stopApp(app: Running): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) =>
    app.child.once("exit", (code) => resolve(code)),
  );
  app.child.kill("SIGTERM");
  return exited;
}

const libraryLog = (app: Running) =>
  app.logs.find((l) => l.msg === "course library checked") as
    | { added: string[]; alreadyPresent: string[] }
    | undefined;

test("a fresh start serves sign-in and loads the library; a restart keeps accounts and adds nothing", async () => {
  const moduleCount = listCourseFolders(join(REPO_ROOT, "courses")).length;
  const first = await startApp();
  let secondApp: Running | undefined;
  try {
    const client = new HttpClient(first.baseUrl);
    const page = await client.get("/login");
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<h1>Sign in<\/h1>/);
    assert.equal(libraryLog(first)?.added.length, moduleCount);
    const reg = await client.postForm(
      "/register",
      { email: "kim@example.com", displayName: "Kim", password: "kept across restarts" },
      "/register",
    );
    assert.equal(reg.status, 302);
    assert.equal(await stopApp(first), 0, "SIGTERM stops the app cleanly");
    assert.ok(first.logs.some((l) => l.msg === "stopped"));

    secondApp = await startApp();
    const again = new HttpClient(secondApp.baseUrl);
    const login = await again.postForm(
      "/login",
      { email: "kim@example.com", password: "kept across restarts" },
      "/login",
    );
    assert.equal(login.status, 302, "the account made before the restart can sign in");
    const library = libraryLog(secondApp);
    assert.deepEqual(library?.added, [], "a second start adds nothing");
    assert.equal(library?.alreadyPresent.length, moduleCount);
  } finally {
    if (first.child.exitCode === null) first.child.kill("SIGKILL");
    if (secondApp) assert.equal(await stopApp(secondApp), 0);
  }
});
