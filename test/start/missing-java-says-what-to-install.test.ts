import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { REPO_ROOT } from "../../server/config.ts";

test("without MONGODB_URI, Java or Maven, start-up stops and says exactly what to install or set", () => {
  const env: NodeJS.ProcessEnv = {
    PATH: "/nonexistent",
    DATA_DIR: mkdtempSync(join(tmpdir(), "rapport-nojava-")),
    HOME: process.env.HOME,
  };
  const run = spawnSync(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: REPO_ROOT,
    env,
    encoding: "utf8",
    timeout: 60_000,
  });
  assert.equal(run.status, 1);
  const output = run.stdout + run.stderr;
  assert.match(output, /MONGODB_URI/);
  assert.match(output, /Java 17/);
  assert.match(output, /Maven/);
});

test("a wrong setting stops start-up naming the variable", () => {
  const run = spawnSync(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: "not-a-port", MONGODB_URI: "" },
    encoding: "utf8",
    timeout: 60_000,
  });
  assert.equal(run.status, 1);
  assert.match(run.stderr, /PORT: must be a whole number/);
});
