import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import mongoose from "mongoose";
import { type EmbeddedMongo, startEmbeddedMongo } from "../../server/db/embedded-mongo.ts";

const { MongoClient } = mongoose.mongo;

const skip = process.env.MONGODB_URI
  ? "MONGODB_URI is set, so the embedded database is not in use"
  : false;

const logLines: string[] = [];
const log = (line: string) => {
  logLines.push(line);
};

async function withClient<T>(
  server: EmbeddedMongo,
  fn: (client: InstanceType<typeof MongoClient>) => Promise<T>,
): Promise<T> {
  // Short timeouts: some tests kill the server under an open client, and close() must not hang.
  const client = new MongoClient(`${server.uri}/rapport_test`, {
    serverSelectionTimeoutMS: 5_000,
    maxPoolSize: 50,
  });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.close(true);
  }
}

describe("embedded database durability", { skip }, () => {
  let dataDir = "";
  const running = new Set<EmbeddedMongo>();

  const start = async (dir: string) => {
    const server = await startEmbeddedMongo({ dataDir: dir, log });
    running.add(server);
    server.exited.then(() => running.delete(server));
    return server;
  };

  before(() => {
    dataDir = mkdtempSync(join(tmpdir(), "rapport-embedded-"));
  });

  after(async () => {
    await Promise.all([...running].map((s) => s.stop()));
    rmSync(dataDir, { recursive: true, force: true });
  });

  test("data and indexes survive a clean stop and restart", async () => {
    const dir = join(dataDir, "restart");
    const first = await start(dir);
    await withClient(first, async (client) => {
      const users = client.db().collection("users");
      await users.createIndex({ email: 1 }, { unique: true });
      await users.insertMany([
        { email: "a@example.com", name: "A" },
        { email: "b@example.com", name: "B" },
      ]);
      await users.updateOne({ email: "b@example.com" }, { $set: { name: "Bee" } });
    });
    await first.stop();

    const second = await start(dir);
    try {
      await withClient(second, async (client) => {
        const users = client.db().collection("users");
        const docs = await users
          .find({}, { projection: { _id: 0 } })
          .sort({ email: 1 })
          .toArray();
        assert.deepEqual(docs, [
          { email: "a@example.com", name: "A" },
          { email: "b@example.com", name: "Bee" },
        ]);
        await assert.rejects(users.insertOne({ email: "a@example.com" }), /duplicate key/i);
      });
    } finally {
      await second.stop();
    }
  });

  test("every acknowledged insert survives kill -9", async () => {
    const dir = join(dataDir, "kill");
    const first = await start(dir);
    const total = 300;
    const client = new MongoClient(`${first.uri}/rapport_test`, {
      serverSelectionTimeoutMS: 2_000,
    });
    await client.connect();
    const items = client.db().collection("items");
    for (let i = 0; i < total; i++) {
      await items.insertOne({ i });
    }
    // Kill before closing the client: closing sends endSessions, a command after which the server
    // would commit anyway and hide a missing per-write commit.
    process.kill(first.pid, "SIGKILL");
    const exit = await first.exited;
    assert.equal(exit.signal, "SIGKILL");
    await client.close(true);

    const second = await start(dir);
    try {
      const count = await withClient(second, (c) => c.db().collection("items").countDocuments());
      assert.equal(count, total, `${total - count} of ${total} acknowledged inserts were lost`);
    } finally {
      await second.stop();
    }
  });

  test("concurrent updates of one document are all applied", async () => {
    const server = await start(join(dataDir, "concurrent"));
    try {
      await withClient(server, async (client) => {
        const counters = client.db().collection<{ _id: string; n: number }>("counters");
        await counters.insertOne({ _id: "c", n: 0 });
        const updates = 500;
        const results = await Promise.allSettled(
          Array.from({ length: updates }, () =>
            counters.updateOne({ _id: "c" }, { $inc: { n: 1 } }),
          ),
        );
        const errors = results.filter((r) => r.status === "rejected");
        assert.equal(errors.length, 0, `errors: ${errors.map((e) => String(e.reason)).join("; ")}`);
        const doc = await counters.findOne({ _id: "c" });
        assert.equal(doc?.n, updates);
      });
    } finally {
      await server.stop();
    }
  });
});
