import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser } from "playwright-core";
import { checkLibrary } from "../../server/content/check-library.ts";
import type { ModuleContent } from "../../server/content/module-schema.ts";
import { exportPackage, type PackageFormat } from "../../server/scorm/export-package.ts";
import { launchBrowser } from "./browser.ts";
import { type LmsHost, readStream, startLmsHost, unpackPackage } from "./lms-host.ts";

// A starter module's exported packages, unpacked and served by the LMS double, with a browser to
// play them in: what the SCORM 1.2/2004 LMS tests share. Each format is served under its name.

const COURSES = fileURLToPath(new URL("../../courses/", import.meta.url));

export function starterModules(): ModuleContent[] {
  const library = checkLibrary(COURSES);
  assert.deepEqual(library.problems, [], "the starter library reads cleanly");
  return library.modules;
}

export function starterModule(slug: string): ModuleContent {
  const found = starterModules().find((m) => m.slug === slug);
  assert.ok(found, `courses/${slug} is in the library`);
  return found;
}

export interface PackagesInLms {
  host: LmsHost;
  browser: Browser;
  close(): Promise<void>;
}

export async function packagesInLms(
  content: ModuleContent,
  formats: PackageFormat[],
): Promise<PackagesInLms> {
  const root = await mkdtemp(join(tmpdir(), `rapport-${content.slug}-`));
  const dirs: Record<string, string> = {};
  for (const format of formats) {
    dirs[format] = join(root, format);
    const zip = await readStream(exportPackage(content, { version: 1, format }));
    await unpackPackage(zip, dirs[format]);
  }
  const host = await startLmsHost(dirs);
  const browser = await launchBrowser();
  return {
    host,
    browser,
    close: async () => {
      await browser.close();
      await host.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}
