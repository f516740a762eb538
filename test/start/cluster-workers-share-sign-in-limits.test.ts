import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { SIGN_IN_FAILURES_PER_ADDRESS } from "../../server/http/rate-limits.ts";
import { HttpClient } from "../helpers/http-client.ts";
import { startRunningApp, stopRunningApp } from "../helpers/running-app.ts";

const dataDir = mkdtempSync(join(tmpdir(), "rapport-cluster-"));
after(() => rmSync(dataDir, { recursive: true, force: true }));

// With WEB_CONCURRENCY=2 two worker processes share the port; the sign-in limit must still count
// every failure, whichever worker saw it.
test("two workers serve requests, share the sign-in limit and stop cleanly", async () => {
  const app = await startRunningApp({ dataDir, env: { WEB_CONCURRENCY: "2" }, listeners: 2 });
  try {
    // Separate clients at the same moment open separate connections, which the primary spreads
    // across the workers.
    const clients = Array.from(
      { length: SIGN_IN_FAILURES_PER_ADDRESS },
      () => new HttpClient(app.baseUrl),
    );
    const tokens = await Promise.all(clients.map((c) => c.csrfFrom("/login")));
    const statuses = await Promise.all(
      clients.map((c, i) =>
        c.postForm("/login", {
          _csrf: tokens[i] ?? "",
          email: "x@example.com",
          password: `wrong-${i}`,
        }),
      ),
    ).then((responses) => responses.map((r) => r.status));
    assert.deepEqual(statuses, Array(SIGN_IN_FAILURES_PER_ADDRESS).fill(401));

    const workersThatAnswered = new Set(
      app.logs
        .filter((l) => (l.req as { method?: string; url?: string } | undefined)?.url === "/login")
        .map((l) => l.pid),
    );
    assert.equal(workersThatAnswered.size, 2, "both workers served sign-in requests");

    const late = new HttpClient(app.baseUrl);
    const blocked = await late.postForm(
      "/login",
      { email: "x@example.com", password: "one more" },
      "/login",
    );
    assert.equal(blocked.status, 429);
  } finally {
    assert.equal(await stopRunningApp(app), 0, "SIGTERM stops the workers, then the primary");
  }
  const stopped = app.logs.filter((l) => l.msg === "stopped").map((l) => l.pid);
  assert.equal(new Set(stopped).size, 3, "both workers and the primary report a clean stop");
});
