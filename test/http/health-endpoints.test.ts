import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import mongoose from "mongoose";
import { startTestApp } from "../helpers/test-app.ts";

let app: Awaited<ReturnType<typeof startTestApp>>;
before(async () => {
  app = await startTestApp(import.meta.url);
});
after(async () => {
  await app.stop();
});

test("/healthz says the process is up", async () => {
  const res = await fetch(`${app.baseUrl}/healthz`);
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { status: "ok" });
});

test("/readyz pings the database, and says so when it does not answer", async () => {
  const ok = await fetch(`${app.baseUrl}/readyz`);
  assert.equal(ok.status, 200);
  assert.deepEqual(await ok.json(), { status: "ready", database: "ok" });
  const dbName = app.db.dbName;
  await mongoose.disconnect();
  const down = await fetch(`${app.baseUrl}/readyz`);
  assert.equal(down.status, 503);
  assert.equal(((await down.json()) as { status: string }).status, "unavailable");
  await mongoose.connect(process.env.RAPPORT_TEST_MONGODB_URI ?? "", { dbName });
});
