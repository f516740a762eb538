import type { Readable } from "node:stream";
import yazl from "yazl";
import type { ModuleContent } from "../content/module-schema.ts";
import { schemaFiles } from "./manifest-schema-files.ts";
import { SCORM12_METADATA_FILE, scorm12Manifest, scorm12Metadata } from "./manifest-scorm12.ts";
import { scorm2004Manifest } from "./manifest-scorm2004.ts";
import type { ManifestInput, PackageFormat } from "./manifest-xml.ts";
import { renderBundle } from "./render-bundle.ts";

// A published version becomes a SCORM zip: imsmanifest.xml, the SCO bundle, and the schema files
// the manifest points at, all at the root where LMSes look. The same version and format always
// give the same bytes, so a package can be cached, hashed and compared.

export type { PackageFormat } from "./manifest-xml.ts";

export const MANIFEST_FILE = "imsmanifest.xml";

// DOS timestamps are stored in local time, so the date is built from local components (the same
// fields on every machine, and built per export so it follows the zone in force then) and the UTC
// "extended timestamp" field is left out: either would otherwise make the bytes depend on the
// exporting machine's time zone.
function entryOptions() {
  return {
    mtime: new Date(2020, 0, 1, 0, 0, 0),
    mode: 0o100644,
    compress: true,
    compressionLevel: 9,
    forceDosTimestamp: true,
  };
}

export interface PackageEntry {
  path: string;
  data: Buffer;
}

const utf8 = (text: string) => Buffer.from(text, "utf8");

/** The manifest and the metadata files it names, which LMSes read but never launch. */
const CONTROL_FILES: Record<PackageFormat, (input: ManifestInput) => PackageEntry[]> = {
  scorm12: (input) => [
    { path: MANIFEST_FILE, data: utf8(scorm12Manifest(input)) },
    { path: SCORM12_METADATA_FILE, data: utf8(scorm12Metadata(input.content)) },
  ],
  scorm2004: (input) => [{ path: MANIFEST_FILE, data: utf8(scorm2004Manifest(input)) }],
};

/** The package's files in zip order: manifest first (LMSes sniff it), bundle, then schemas. */
export function packageEntries(
  content: ModuleContent,
  opts: { version: number; format: PackageFormat },
): PackageEntry[] {
  // Each format's bundle talks to its own API only, so an LMS offering both never gets confused.
  const bundle = renderBundle(content, { version: opts.version, target: opts.format });
  const control = CONTROL_FILES[opts.format]({
    content,
    version: opts.version,
    files: bundle.map((f) => f.path),
  });
  const entries = [...control, ...bundle, ...schemaFiles(opts.format)];
  const seen = new Set<string>();
  for (const { path } of entries) {
    if (seen.has(path.toLowerCase())) throw new Error(`two package files are named ${path}`);
    seen.add(path.toLowerCase());
  }
  return entries;
}

/** Streams the zip; nothing touches the disk, so a route can pipe it straight to the response. */
export function exportPackage(
  content: ModuleContent,
  opts: { version: number; format: PackageFormat },
): Readable {
  return zipPackage(packageEntries(content, opts));
}

/**
 * The zip of entries made by packageEntries (which may have run on a worker thread, whose
 * Buffers arrive as plain byte arrays).
 */
export function zipPackage(entries: { path: string; data: Uint8Array }[]): Readable {
  const zip = new yazl.ZipFile();
  const options = entryOptions();
  for (const entry of entries) {
    const data = Buffer.from(entry.data.buffer, entry.data.byteOffset, entry.data.byteLength);
    zip.addBuffer(data, entry.path, options);
  }
  zip.end();
  return zip.outputStream as Readable;
}

export function packageFileName(slug: string, version: number, format: PackageFormat): string {
  return `${slug}-v${version}-${format}.zip`;
}
