import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { REPO_ROOT } from "../../server/config.ts";
import { loadCourseLibrary } from "../../server/content/load-course-library.ts";
import { Module } from "../../server/content/module-model.ts";
import { ModuleVersion } from "../../server/content/module-version-model.ts";
import { createLogger } from "../../server/http/logger.ts";
import { connectTestDatabase } from "../helpers/database.ts";

let db: Awaited<ReturnType<typeof connectTestDatabase>>;
const logger = createLogger("silent");
before(async () => {
  db = await connectTestDatabase(import.meta.url);
});
after(async () => {
  await db.drop();
});

test("the starter library loads as published version 1, once", async () => {
  const first = await loadCourseLibrary({ logger });
  assert.deepEqual([...first.added].sort(), [
    "communication",
    "conflict",
    "managing-up",
    "relationship-web",
    "trust",
  ]);
  assert.equal(first.invalid, 0);
  const versions = await ModuleVersion.find().lean();
  assert.equal(versions.length, 5);
  assert.ok(versions.every((v) => v.version === 1));
  const trust = await Module.findOne({ slug: "trust" }).lean();
  assert.equal(trust?.publishedVersion, 1);
  const draft = trust?.draft as { lessons?: unknown[] } | undefined;
  assert.ok((draft?.lessons?.length ?? 0) >= 4);

  const second = await loadCourseLibrary({ logger });
  assert.deepEqual(second.added, []);
  assert.equal(second.alreadyPresent.length, 5);
  assert.equal(await ModuleVersion.countDocuments(), 5);
  assert.equal(await Module.countDocuments(), 5);
});

test("a module already in the database is never overwritten by the folder", async () => {
  await Module.updateOne(
    { slug: "trust" },
    { $set: { title: "Edited in the browser", "draft.title": "Edited" } },
  );
  await loadCourseLibrary({ logger, root: `${REPO_ROOT}/courses` });
  const trust = await Module.findOne({ slug: "trust" }).lean();
  assert.equal(trust?.title, "Edited in the browser");
  assert.equal(await ModuleVersion.countDocuments({ slug: "trust" }), 1);
});

test("an invalid folder is reported and skipped, the rest still load", async () => {
  const result = await loadCourseLibrary({
    logger,
    root: `${REPO_ROOT}/test/fixtures/courses/broken/single-two-correct`,
  });
  assert.equal(result.invalid, 1);
  assert.deepEqual(result.added, []);
  assert.equal(await Module.countDocuments({ slug: "tiny" }), 0);
});
