// npm run export -- --module trust [--module conflict] [--format scorm2004] [--out dist/]
// npm run export -- --all [--format scorm12] [--out dist/]
// Exports the latest published version of each module; a module not yet in the database is taken
// from courses/ as version 1, so a fresh checkout can produce packages before anything is seeded.
import { createWriteStream, mkdirSync } from "node:fs";
import { stat } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import { loadConfig } from "../config.ts";
import { checkLibrary } from "../content/check-library.ts";
import { COURSES_DIR } from "../content/load-course-library.ts";
import { connectDatabase } from "../db/connect.ts";
import { createLogger } from "../http/logger.ts";
import { exportPackage, packageFileName } from "../scorm/export-package.ts";
import {
  findPublishedVersion,
  type PublishedModule,
  publishedSlugs,
} from "../scorm/export-sources.ts";
import { isPackageFormat, PACKAGE_FORMATS, type PackageFormat } from "../scorm/manifest-xml.ts";

const USAGE =
  "usage: npm run export -- (--module SLUG ... | --all) [--format scorm12|scorm2004] [--out DIR]";

const { values } = parseArgs({
  options: {
    module: { type: "string", multiple: true, default: [] },
    all: { type: "boolean", default: false },
    format: { type: "string" },
    out: { type: "string", default: "dist" },
  },
});

function fail(message: string): never {
  console.error(message);
  console.error(USAGE);
  process.exit(2);
}

if (values.all === values.module.length > 0) fail("Give either --module SLUG or --all.");
if (values.format !== undefined && !isPackageFormat(values.format)) {
  fail(`Unknown --format "${values.format}".`);
}
const formats: readonly PackageFormat[] = isPackageFormat(values.format)
  ? [values.format]
  : PACKAGE_FORMATS;
const outDir = resolve(values.out);

// Read before connecting, so a broken course file is reported without waiting for a database.
const library = checkLibrary(COURSES_DIR);
const fromLibrary = new Map(library.modules.map((m) => [m.slug, m]));

const db = await connectDatabase(loadConfig(), createLogger("warn"));
try {
  const slugs = values.all
    ? [...new Set([...(await publishedSlugs()), ...fromLibrary.keys()])].sort()
    : values.module;
  let missing = 0;
  mkdirSync(outDir, { recursive: true });
  for (const slug of slugs) {
    const source = await findSource(slug);
    if (!source) {
      console.error(`${slug}: not published in the database and not in courses/`);
      missing++;
      continue;
    }
    console.log(`${slug} v${source.module.version} (${source.origin})`);
    for (const format of formats) {
      const file = join(outDir, packageFileName(slug, source.module.version, format));
      await pipeline(
        exportPackage(source.module.content, { version: source.module.version, format }),
        createWriteStream(file),
      );
      const { size } = await stat(file);
      console.log(`  ${displayPath(file)}  ${(size / 1024).toFixed(1)} KB`);
    }
  }
  if (library.problems.length > 0) {
    console.error(`courses/ has ${library.problems.length} problem(s); run npm run courses:check`);
  }
  if (missing > 0) process.exitCode = 1;
} finally {
  await db.close();
}

function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith("..") ? file : rel;
}

async function findSource(
  slug: string,
): Promise<{ module: PublishedModule; origin: string } | null> {
  const published = await findPublishedVersion(slug);
  if (published) return { module: published, origin: "latest published version in the database" };
  const content = fromLibrary.get(slug);
  if (!content) return null;
  return {
    module: { slug, version: 1, content },
    origin: "not in the database yet: read from courses/ as version 1",
  };
}
