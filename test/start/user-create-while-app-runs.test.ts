// Commands that need the embedded data file say in one line why they cannot run and what to do,
// instead of a stack trace from the database launcher.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { REPO_ROOT } from "../../server/config.ts";
import { startRunningApp, stopRunningApp } from "../helpers/running-app.ts";

const dataDir = mkdtempSync(join(tmpdir(), "rapport-busy-"));
after(() => rmSync(dataDir, { recursive: true, force: true }));

function userCreate(password: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, RAPPORT_PASSWORD: password };
  delete env.MONGODB_URI;
  return spawnSync(
    process.execPath,
    [
      "--import",
      "tsx",
      "server/cli/create-user.ts",
      "--email",
      "ops@example.com",
      "--role",
      "admin",
    ],
    { cwd: REPO_ROOT, env, encoding: "utf8", timeout: 120_000 },
  );
}

test("user:create while the app holds the data file says so in one line; once it is stopped, it works", async () => {
  const app = await startRunningApp({ dataDir });
  let busy: ReturnType<typeof userCreate>;
  try {
    busy = userCreate("operations passphrase");
  } finally {
    assert.equal(await stopRunningApp(app), 0);
  }
  assert.equal(busy.status, 1);
  const lines = busy.stderr.trim().split("\n");
  assert.equal(lines.length, 1, `one line, not a stack trace:\n${busy.stderr}`);
  assert.match(
    lines[0] ?? "",
    /^user:create: the data file .*rapport\.mv\.db is in use by a running Rapport/,
  );
  assert.match(lines[0] ?? "", /Stop the app, run user:create, then start the app again/);

  const common = userCreate("1234567890");
  assert.equal(common.status, 1);
  assert.match(common.stderr, /password: This password is on a list of commonly used passwords/);

  const ok = userCreate("operations passphrase");
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /Created admin ops@example\.com/);
});
