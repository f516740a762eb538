// What Rapport relies on from its database, proven against whichever server the run uses
// (the embedded one unless MONGODB_URI is set).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { MongoStore } from "connect-mongo";
import mongoose from "mongoose";
import { connectTestDatabase } from "../helpers/database.ts";

let db: Awaited<ReturnType<typeof connectTestDatabase>>;
// Untyped documents: these tests speak to the driver the way the app's models do underneath.
const coll = (name: string) => mongoose.connection.collection<Record<string, unknown>>(name);

before(async () => {
  db = await connectTestDatabase(import.meta.url);
});
after(async () => {
  await db.drop();
});

describe("database contract", () => {
  test("a unique index refuses a duplicate with E11000", async () => {
    await coll("uniq").createIndex({ email: 1 }, { unique: true });
    await coll("uniq").insertOne({ email: "a@example.com" });
    await assert.rejects(
      coll("uniq").insertOne({ email: "a@example.com" }),
      (err: { code?: number }) => {
        assert.equal(err.code, 11000);
        return true;
      },
    );
    assert.equal(await coll("uniq").countDocuments(), 1);
  });

  test("a conditional update with the sequence in the filter applies only newer sequences", async () => {
    const { insertedId } = await coll("seq").insertOne({ seq: 0, value: "start" });
    const apply = (seq: number, value: string) =>
      coll("seq").updateOne({ _id: insertedId, seq: { $lt: seq } }, { $set: { seq, value } });
    assert.equal((await apply(7, "seven")).modifiedCount, 1);
    assert.equal((await apply(5, "five")).modifiedCount, 0, "an older sequence must not apply");
    assert.equal(
      (await apply(7, "seven again")).modifiedCount,
      0,
      "a repeated sequence must not apply",
    );
    const found = await coll("seq").findOneAndUpdate(
      { _id: insertedId, seq: { $lt: 8 } },
      { $set: { seq: 8, value: "eight" } },
      { returnDocument: "after" },
    );
    assert.equal(found?.value, "eight");
    const missed = await coll("seq").findOneAndUpdate(
      { _id: insertedId, seq: { $lt: 3 } },
      { $set: { seq: 3 } },
    );
    assert.equal(missed, null);
    assert.deepEqual(await coll("seq").findOne({ _id: insertedId }, { projection: { _id: 0 } }), {
      seq: 8,
      value: "eight",
    });
  });

  test("an upsert combines $set, $inc, $push and $addToSet", async () => {
    type Counter = { key: string; last?: string; n?: number; log?: string[]; tags?: string[] };
    const ups = mongoose.connection.collection<Counter>("ups");
    const update = (tag: string) =>
      ups.updateOne(
        { key: "k" },
        { $set: { last: tag }, $inc: { n: 1 }, $push: { log: tag }, $addToSet: { tags: tag } },
        { upsert: true },
      );
    const first = await update("a");
    assert.equal(first.upsertedCount, 1);
    await update("b");
    await update("a");
    const doc = await ups.findOne({ key: "k" });
    assert.equal(doc?.n, 3);
    assert.equal(doc?.last, "a");
    assert.deepEqual(doc?.log, ["a", "b", "a"]);
    assert.deepEqual(doc?.tags, ["a", "b"]);
  });

  test("$group computes $sum and $avg", async () => {
    await coll("scores").insertMany([
      { module: "trust", score: 60 },
      { module: "trust", score: 100 },
      { module: "conflict", score: 90 },
    ]);
    const rows = await coll("scores")
      .aggregate([
        { $group: { _id: "$module", attempts: { $sum: 1 }, average: { $avg: "$score" } } },
        { $sort: { _id: 1 } },
      ])
      .toArray();
    assert.deepEqual(rows, [
      { _id: "conflict", attempts: 1, average: 90 },
      { _id: "trust", attempts: 2, average: 80 },
    ]);
  });

  test("Dates and ObjectIds round-trip with their types", async () => {
    const when = new Date("2026-03-04T05:06:07.089Z");
    const ref = new mongoose.Types.ObjectId();
    const { insertedId } = await coll("types").insertOne({ when, ref });
    const doc = await coll("types").findOne({ _id: insertedId });
    assert.ok(doc?.when instanceof Date);
    assert.equal(doc.when.toISOString(), when.toISOString());
    assert.ok(doc.ref instanceof mongoose.Types.ObjectId);
    assert.ok(doc.ref.equals(ref));
    assert.equal(await coll("types").countDocuments({ ref }), 1, "querying by ObjectId finds it");
  });

  test("connect-mongo stores, reads and destroys a session", async () => {
    const store = MongoStore.create({
      client: mongoose.connection.getClient(),
      dbName: db.dbName,
      autoRemove: "disabled",
    });
    const cookie = {
      originalMaxAge: 60_000,
      expires: new Date(Date.now() + 60_000),
      httpOnly: true,
      path: "/",
    };
    const session = { cookie, passport: { user: "abc" } };
    await new Promise<void>((resolve, reject) =>
      store.set("sid-1", session as never, (err) => (err ? reject(err) : resolve())),
    );
    const read = await new Promise<unknown>((resolve, reject) =>
      store.get("sid-1", (err, s) => (err ? reject(err) : resolve(s))),
    );
    assert.deepEqual((read as { passport: unknown }).passport, { user: "abc" });
    await new Promise<void>((resolve, reject) =>
      store.destroy("sid-1", (err) => (err ? reject(err) : resolve())),
    );
    const gone = await new Promise<unknown>((resolve, reject) =>
      store.get("sid-1", (err, s) => (err ? reject(err) : resolve(s))),
    );
    assert.equal(gone ?? null, null);
  });
});
