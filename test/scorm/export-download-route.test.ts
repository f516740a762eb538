import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import express from "express";
import mongoose from "mongoose";
import { isRole, type Role } from "../../server/auth/roles.ts";
import { checkLibrary } from "../../server/content/check-library.ts";
import { COURSES_DIR } from "../../server/content/load-course-library.ts";
import type { ModuleContent } from "../../server/content/module-schema.ts";
import { ModuleVersion } from "../../server/content/module-version-model.ts";
import { errorHandler } from "../../server/http/error-handler.ts";
import { createLogger } from "../../server/http/logger.ts";
import { exportRouter } from "../../server/scorm/export-routes.ts";
import { connectTestDatabase } from "../helpers/database.ts";
import { unzip } from "./export-unzip.ts";
import { fixtureModule } from "./sco-fixture.ts";

// The router is not mounted in createApp yet, so it runs in a small app whose only stand-in is
// sign-in: a header picks the user's role. The guard, the router and the error handler are real.

function appAroundRouter() {
  const app = express();
  app.use((req, _res, next) => {
    const role = req.get("x-test-role");
    if (isRole(role)) {
      req.user = { id: "u1", email: `${role}@example.org`, displayName: role, role };
    }
    next();
  });
  app.use(exportRouter());
  app.use(errorHandler({ logger: createLogger("silent"), showDetails: false }));
  return app;
}

describe("GET /admin/modules/:slug/export/:format", () => {
  let db: Awaited<ReturnType<typeof connectTestDatabase>>;
  let server: ReturnType<ReturnType<typeof express>["listen"]>;
  let baseUrl = "";
  let trust: ModuleContent;

  const get = (path: string, role?: Role) =>
    fetch(baseUrl + path, {
      headers: { accept: "application/json", ...(role ? { "x-test-role": role } : {}) },
    });

  before(async () => {
    db = await connectTestDatabase(import.meta.url);
    trust = checkLibrary(COURSES_DIR).modules.find((m) => m.slug === "trust") ?? fixtureModule();
    const moduleId = new mongoose.Types.ObjectId();
    await ModuleVersion.create([
      { moduleId, slug: trust.slug, version: 1, content: trust, contentHash: "v1" },
      {
        moduleId,
        slug: trust.slug,
        version: 2,
        content: { ...trust, title: `${trust.title} (revised)` },
        contentHash: "v2",
      },
    ]);
    server = appAroundRouter().listen(0, "127.0.0.1");
    await new Promise<void>((resolve) => server.once("listening", () => resolve()));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await db.drop();
  });

  it("asks a signed-out visitor to sign in", async () => {
    const res = await get(`/admin/modules/${trust.slug}/export/scorm12`);
    assert.equal(res.status, 401);
  });

  it("refuses a learner", async () => {
    const res = await get(`/admin/modules/${trust.slug}/export/scorm12`, "learner");
    assert.equal(res.status, 403);
  });

  it("gives an author the latest published version as a zip", async () => {
    const res = await get(`/admin/modules/${trust.slug}/export/scorm2004`, "author");
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "application/zip");
    assert.equal(
      res.headers.get("content-disposition"),
      `attachment; filename="${trust.slug}-v2-scorm2004.zip"`,
    );
    const entries = await unzip(Buffer.from(await res.arrayBuffer()));
    const manifest = entries.find((e) => e.path === "imsmanifest.xml")?.data.toString("utf8");
    assert.ok(manifest);
    assert.match(manifest, new RegExp(`<manifest identifier="rapport-${trust.slug}" version="2"`));
    assert.match(manifest, /\(revised\)/);
    assert.ok(entries.some((e) => e.path === "index.html"));
  });

  it("gives an admin an older version on request", async () => {
    const res = await get(`/admin/modules/${trust.slug}/export/scorm12?version=1`, "admin");
    assert.equal(res.status, 200);
    assert.equal(
      res.headers.get("content-disposition"),
      `attachment; filename="${trust.slug}-v1-scorm12.zip"`,
    );
    const entries = await unzip(Buffer.from(await res.arrayBuffer()));
    const manifest = entries.find((e) => e.path === "imsmanifest.xml")?.data.toString("utf8");
    assert.match(
      manifest ?? "",
      new RegExp(`<manifest identifier="rapport-${trust.slug}" version="1"`),
    );
  });

  it("answers 404 for an unknown module or version", async () => {
    assert.equal((await get("/admin/modules/no-such-module/export/scorm12", "author")).status, 404);
    const missing = await get(`/admin/modules/${trust.slug}/export/scorm12?version=9`, "author");
    assert.equal(missing.status, 404);
  });

  it("answers 400 for an unknown format or a malformed version", async () => {
    const format = await get(`/admin/modules/${trust.slug}/export/cmi5`, "author");
    assert.equal(format.status, 400);
    assert.match(((await format.json()) as { error: string }).error, /scorm12, scorm2004/);
    const version = await get(`/admin/modules/${trust.slug}/export/scorm12?version=1.5`, "author");
    assert.equal(version.status, 400);
  });
});
