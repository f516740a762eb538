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

  test("a prefix of a non-unique compound index answers with the index's sort", async () => {
    const attempts = coll("prefix");
    await attempts.createIndex({ userId: 1, moduleId: 1, number: -1 });
    const docs = [];
    for (const userId of ["u1", "u2"])
      for (const moduleId of ["m1", "m2"])
        for (const number of [2, 3, 1]) docs.push({ userId, moduleId, number });
    await attempts.insertMany(docs);
    const numbers = async (
      filter: Record<string, unknown>,
      sort: Record<string, 1 | -1>,
      limit = 0,
    ) =>
      (await attempts.find(filter).sort(sort).limit(limit).toArray()).map(
        (d) => `${d.moduleId}:${d.number}`,
      );
    assert.deepEqual(await numbers({ userId: "u1", moduleId: "m2" }, { number: -1 }), [
      "m2:3",
      "m2:2",
      "m2:1",
    ]);
    assert.deepEqual(await numbers({ userId: "u1", moduleId: "m2" }, { number: 1 }, 2), [
      "m2:1",
      "m2:2",
    ]);
    assert.deepEqual(await numbers({ userId: "u2" }, { moduleId: 1, number: -1 }), [
      "m1:3",
      "m1:2",
      "m1:1",
      "m2:3",
      "m2:2",
      "m2:1",
    ]);
    assert.deepEqual(await numbers({ userId: "u2" }, { number: -1, moduleId: 1 }, 3), [
      "m1:3",
      "m2:3",
      "m1:2",
    ]);
  });

  test("updating an indexed field moves the document to its new key", async () => {
    const people = coll("moved");
    await people.createIndex({ team: 1 });
    const { insertedId } = await people.insertOne({ team: "red" });
    await people.insertOne({ team: "red" });
    await people.updateOne({ _id: insertedId }, { $set: { team: "blue" } });
    assert.equal(await people.countDocuments({ team: "blue" }), 1);
    assert.equal((await people.findOne({ team: "blue" }))?._id.toString(), insertedId.toString());
    assert.equal(await people.countDocuments({ team: "red" }), 1);
    assert.equal(
      await people.countDocuments({ team: "red", _id: insertedId }),
      0,
      "the old key no longer finds it",
    );
  });

  test("a delete removes the document from its indexes", async () => {
    const people = coll("deleted");
    await people.createIndex({ team: 1 });
    await people.createIndex({ email: 1 }, { unique: true });
    await people.insertMany([
      { team: "red", email: "a@example.com" },
      { team: "red", email: "b@example.com" },
    ]);
    await people.deleteOne({ email: "a@example.com" });
    assert.deepEqual(
      (await people.find({ team: "red" }).toArray()).map((d) => d.email),
      ["b@example.com"],
    );
    // The unique key is free again.
    await people.insertOne({ team: "blue", email: "a@example.com" });
    assert.equal(await people.countDocuments({ team: "blue" }), 1);
  });

  test("an unacknowledged deleteMany ({w: 0}) deletes", async () => {
    const items = coll("unacknowledged");
    await items.insertMany([{ n: 1 }, { n: 2 }, { n: 3 }]);
    await items.deleteMany({ n: { $lt: 3 } }, { writeConcern: { w: 0 } });
    // No reply means nothing to wait for: poll briefly until the server has run it.
    let left = await items.countDocuments();
    for (let i = 0; i < 50 && left !== 1; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      left = await items.countDocuments();
    }
    assert.equal(left, 1);
  });

  test("connect-mongo's interval sweep removes an expired session", async () => {
    const sessions = coll("swept_sessions");
    const past = new Date(Date.now() - 60_000);
    const future = new Date(Date.now() + 60_000);
    await sessions.insertMany([
      { _id: "old" as never, session: "{}", expires: past },
      { _id: "new" as never, session: "{}", expires: future },
    ]);
    const store = MongoStore.create({
      client: mongoose.connection.getClient(),
      dbName: db.dbName,
      collectionName: "swept_sessions",
      autoRemove: "interval",
      autoRemoveInterval: 1 / 60,
    });
    try {
      let ids: unknown[] = [];
      for (let i = 0; i < 100; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        ids = (await sessions.find().toArray()).map((d) => d._id);
        if (ids.length === 1) break;
      }
      assert.deepEqual(ids, ["new"]);
    } finally {
      // store.close() would also close the client this file shares; stopping the sweep is enough.
      clearInterval((store as unknown as { timer?: NodeJS.Timeout }).timer);
    }
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
