// The console a developer reads is one short line per request; production, and any output that
// is not a terminal, gets JSON lines for a log collector.
import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import { createApp } from "../../server/app.ts";
import { createConsoleLogger } from "../../server/http/logger.ts";
import { connectTestDatabase } from "../helpers/database.ts";
import { LogCapture } from "../helpers/test-app.ts";

let db: Awaited<ReturnType<typeof connectTestDatabase>>;
before(async () => {
  db = await connectTestDatabase(import.meta.url);
});
after(async () => {
  await db.drop();
});

/** Serves one GET /login with a console logger as main.ts makes it, and returns what it wrote. */
async function oneRequest(env: "development" | "production", tty: boolean): Promise<string[]> {
  const capture = new LogCapture();
  const logger = createConsoleLogger({ level: "info", env, tty, destination: capture });
  const { app, close } = createApp({
    config: { env, sessionSecret: "console-secret-console-secret-console!", trustProxy: false },
    logger,
    connection: db.connection,
    ttlIndexesWork: false,
  });
  const server = app.listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/login`);
    assert.equal(res.status, 200);
    await res.arrayBuffer();
    await new Promise((resolve) => setTimeout(resolve, 50)); // the line is written on 'finish'
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await close();
  }
  return capture.lines;
}

test("on a developer's terminal, a request is one short readable line", async () => {
  const lines = await oneRequest("development", true);
  assert.equal(lines.length, 1, lines.join("\n"));
  assert.match(lines[0] ?? "", /^\[\d\d:\d\d:\d\d\] INFO: GET \/login 200 \d+ ms$/);
});

test("in production, or when the output is not a terminal, every line is JSON", async () => {
  for (const [env, tty] of [
    ["production", true],
    ["development", false],
  ] as const) {
    const lines = await oneRequest(env, tty);
    assert.equal(lines.length, 1);
    const entry = JSON.parse(lines[0] ?? "") as { msg: string; req: { url: string } };
    assert.match(entry.msg, /^GET \/login 200 \d+ ms$/);
    assert.equal(entry.req.url, "/login", "JSON lines keep the request details");
  }
});
