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

const MANIFEST_WRITERS: Record<PackageFormat, (input: ManifestInput) => string> = {
  scorm12: scorm12Manifest,
  scorm2004: scorm2004Manifest,
};

/** Metadata files the manifest names, which LMSes read but never launch. */
function metadataFiles(
  content: ModuleContent,
  opts: { version: number; format: PackageFormat },
): PackageEntry[] {
  if (opts.format !== "scorm12") return [];
  return [{ path: SCORM12_METADATA_FILE, data: utf8(scorm12Metadata(content, opts.version)) }];
}

/**
 * The package's files in zip order: manifest first (LMSes sniff it), metadata, bundle, schemas.
 * The manifest lists every other file, so nothing in the zip is unaccounted for.
 */
export function packageEntries(
  content: ModuleContent,
  opts: { version: number; format: PackageFormat },
): PackageEntry[] {
  // Each format's bundle talks to its own API only, so an LMS offering both never gets confused.
  const bundle = renderBundle(content, { version: opts.version, target: opts.format });
  const metadata = metadataFiles(content, opts);
  const schemas = schemaFiles(opts.format);
  const manifest = MANIFEST_WRITERS[opts.format]({
    content,
    version: opts.version,
    files: bundle.map((f) => f.path),
    controlFiles: [...metadata, ...schemas].map((f) => f.path),
  });
  const entries = [
    { path: MANIFEST_FILE, data: utf8(manifest) },
    ...metadata,
    ...bundle,
    ...schemas,
  ];
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
