import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { buffer } from "node:stream/consumers";
import { describe, it } from "node:test";
import { checkLibrary } from "../../server/content/check-library.ts";
import { COURSES_DIR } from "../../server/content/load-course-library.ts";
import type { ModuleContent } from "../../server/content/module-schema.ts";
import {
  exportPackage,
  type PackageFormat,
  packageFileName,
} from "../../server/scorm/export-package.ts";
import { PACKAGE_FORMATS } from "../../server/scorm/manifest-xml.ts";
import { unzip } from "./export-unzip.ts";
import { fixtureModule } from "./sco-fixture.ts";

// The same version and format must give the same bytes, so a package can be cached, hashed and
// re-downloaded without an LMS seeing a "new" upload. DESIGN.md's size bar: a zipped module stays
// far below the 1–2 MB that authoring tools produce.

const MAX_PACKAGE_BYTES = 100 * 1024;

const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");
const zipOf = (content: ModuleContent, version: number, format: PackageFormat) =>
  buffer(exportPackage(content, { version, format }));

describe("exportPackage", () => {
  it("gives byte-identical zips for the same version and format", async () => {
    for (const format of PACKAGE_FORMATS) {
      const a = await zipOf(fixtureModule(), 4, format);
      const b = await zipOf(fixtureModule(), 4, format);
      assert.equal(sha256(a), sha256(b), format);
    }
  });

  it("gives different zips for different formats and versions", async () => {
    const scorm12 = await zipOf(fixtureModule(), 4, "scorm12");
    const scorm2004 = await zipOf(fixtureModule(), 4, "scorm2004");
    const v5 = await zipOf(fixtureModule(), 5, "scorm12");
    assert.notEqual(sha256(scorm12), sha256(scorm2004));
    assert.notEqual(sha256(scorm12), sha256(v5));
  });

  it("does not depend on the machine's time zone", async () => {
    // DOS timestamps are local time, so a careless fixed date shifts with TZ.
    const original = process.env.TZ;
    const hashes: string[] = [];
    try {
      for (const tz of ["Pacific/Kiritimati", "America/Los_Angeles", "UTC"]) {
        process.env.TZ = tz; // Node re-reads TZ on assignment.
        hashes.push(sha256(await zipOf(fixtureModule(), 1, "scorm12")));
      }
      process.env.TZ = "Pacific/Kiritimati";
      const east = new Date(0).getTimezoneOffset();
      process.env.TZ = "America/Los_Angeles";
      assert.notEqual(east, new Date(0).getTimezoneOffset(), "the time zone really changed");
    } finally {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    }
    assert.equal(new Set(hashes).size, 1);
  });

  it("puts imsmanifest.xml first and the bundle files after it", async () => {
    const entries = await unzip(await zipOf(fixtureModule(), 1, "scorm2004"));
    assert.deepEqual(
      entries.slice(0, 4).map((e) => e.path),
      ["imsmanifest.xml", "index.html", "sco.js", "sco.css"],
    );
  });

  it("keeps every starter package under 100 KB", async () => {
    const { modules } = checkLibrary(COURSES_DIR);
    assert.ok(modules.length > 0);
    for (const content of modules) {
      for (const format of PACKAGE_FORMATS) {
        const zip = await zipOf(content, 1, format);
        const name = packageFileName(content.slug, 1, format);
        console.log(`${name}: ${(zip.length / 1024).toFixed(1)} KB`);
        assert.ok(zip.length < MAX_PACKAGE_BYTES, `${name} is ${zip.length} bytes`);
      }
    }
  });
});

describe("packageFileName", () => {
  it("names the slug, version and format", () => {
    assert.equal(packageFileName("trust", 3, "scorm12"), "trust-v3-scorm12.zip");
    assert.equal(packageFileName("managing-up", 12, "scorm2004"), "managing-up-v12-scorm2004.zip");
  });
});
