// Issue #13 item 4: with the port taken, the log said "Rapport is listening" and the process kept
// running (Express 5 hands the listen error to the callback, which ignored it).
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { REPO_ROOT } from "../../server/config.ts";

const dataDir = mkdtempSync(join(tmpdir(), "rapport-port-"));
let taken: Server;
let port: number;
before(async () => {
  taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, () => resolve()));
  port = (taken.address() as { port: number }).port;
});
after(() => {
  taken.close();
  rmSync(dataDir, { recursive: true, force: true });
});

// The settings errors must stop start-up within 5 s; this waits longer only so that a slow,
// shared machine does not fail it, and the run is killed if it never stops.
const HANG_LIMIT_MS = 20_000;

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATA_DIR: dataDir, MONGODB_URI: "", PORT: String(port), ...env },
  });
  let output = "";
  child.stdout.on("data", (d) => {
    output += d;
  });
  child.stderr.on("data", (d) => {
    output += d;
  });
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), HANG_LIMIT_MS);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

for (const workers of ["1", "2"]) {
  test(`a port already in use stops start-up with one line naming PORT (WEB_CONCURRENCY=${workers})`, async () => {
    const run = await start({ WEB_CONCURRENCY: workers });
    assert.equal(run.code, 1, `exit code 1, not still running:\n${run.output}`);
    assert.match(run.output, new RegExp(`PORT ${port} is already in use`));
    assert.doesNotMatch(run.output, /listening on/);
  });
}
