// `npm start` on a fresh data directory with the embedded database: it serves the sign-in page,
// loads the course library once, stops cleanly on SIGTERM, and a second start keeps the data.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { REPO_ROOT } from "../../server/config.ts";
import { listCourseFolders } from "../../server/content/read-course-folder.ts";
import { HttpClient } from "../helpers/http-client.ts";
import { type RunningApp, startRunningApp, stopRunningApp } from "../helpers/running-app.ts";

const dataDir = mkdtempSync(join(tmpdir(), "rapport-start-"));
after(() => rmSync(dataDir, { recursive: true, force: true }));

type Running = RunningApp;
const startApp = () => startRunningApp({ dataDir });
const stopApp = stopRunningApp;

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
