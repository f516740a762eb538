// The embedded database's own settings, and that it keeps every index the app's models declare.
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import mongoose from "mongoose";
import {
  MAX_HEAP_VARIABLE,
  parseMaxHeap,
  startEmbeddedMongo,
} from "../../server/db/embedded-mongo.ts";

const skip = process.env.MONGODB_URI
  ? "MONGODB_URI is set, so the embedded database is not in use"
  : false;

const serverDir = fileURLToPath(new URL("../../server/", import.meta.url));

function modelFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return modelFiles(path);
    return entry.name.endsWith("-model.ts") ? [path] : [];
  });
}

describe("embedded database heap setting", () => {
  test("takes JVM sizes and derives the page cache from them", () => {
    assert.deepEqual(parseMaxHeap("512m"), { xmx: "-Xmx512m", cacheMb: 64 });
    assert.deepEqual(parseMaxHeap("2G"), { xmx: "-Xmx2g", cacheMb: 256 });
    assert.deepEqual(parseMaxHeap("131072k"), { xmx: "-Xmx131072k", cacheMb: 16 });
  });

  test("refuses anything else, naming the variable", () => {
    for (const bad of ["", "512", "lots", "1.5g", "-1g", "32m", "512 mb"]) {
      assert.throws(
        () => parseMaxHeap(bad),
        (err: Error) => err.message.includes(MAX_HEAP_VARIABLE) && err.message.includes(bad),
        `accepted ${JSON.stringify(bad)}`,
      );
    }
  });

  test("a bad setting stops start-up before a server is launched", async () => {
    await assert.rejects(
      startEmbeddedMongo({ dataDir: join(tmpdir(), "never-created"), maxHeap: "huge" }),
      new RegExp(MAX_HEAP_VARIABLE),
    );
  });
});

describe("embedded database indexes", { skip }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), "rapport-indexes-"));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  test("every index the app's models declare is kept, none ignored", async () => {
    const files = modelFiles(serverDir);
    assert.ok(files.length >= 5, `found models: ${files.join(", ")}`);
    for (const file of files) await import(file);

    const lines: string[] = [];
    const server = await startEmbeddedMongo({ dataDir, log: (line) => lines.push(line) });
    const connection = mongoose.createConnection(`${server.uri}/rapport_indexes`);
    try {
      for (const [name, model] of Object.entries(mongoose.models)) {
        connection.model(name, model.schema);
      }
      await connection.syncIndexes();
      for (const [name, model] of Object.entries(connection.models)) {
        const declared = model.schema.indexes().length;
        const listed = await model.listIndexes();
        // _id plus each declared index (a field's `unique: true` is declared too).
        assert.ok(listed.length >= declared + 1, `${name}: ${listed.length} indexes listed`);
      }
    } finally {
      await connection.close();
      await server.stop();
    }
    const ignored = lines.filter((line) => /not yet implemented/i.test(line));
    assert.deepEqual(ignored, []);
  });
});
