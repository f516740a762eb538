import type { ModuleContent } from "../content/module-schema.ts";

// What both manifest writers share: the package formats, identifiers and escaping. Kept apart from
// the writers so the 1.2 and 2004 files stay side by side and readable as XML.

export const PACKAGE_FORMATS = ["scorm12", "scorm2004"] as const;
export type PackageFormat = (typeof PACKAGE_FORMATS)[number];

export function isPackageFormat(value: unknown): value is PackageFormat {
  return typeof value === "string" && (PACKAGE_FORMATS as readonly string[]).includes(value);
}

export interface ManifestInput {
  content: ModuleContent;
  version: number;
  /** Paths of the SCO's files, in bundle order; the first one named index.html is launched. */
  files: readonly string[];
  /**
   * Files the package carries for the LMS rather than the learner (metadata, XSDs, DTDs). They are
   * listed in an asset resource of their own, so the manifest accounts for every file in the zip
   * without claiming the SCO needs them to run.
   */
  controlFiles?: readonly string[];
}

export const LAUNCH_FILE = "index.html";

/**
 * The manifest's identifier, and the stem of every identifier inside it. It names the module, never
 * the version: an LMS matches the organization and items of a replacement package to the old ones
 * by identifier, and Moodle deletes the tracking data of any item that seems to have gone. The
 * version lives in the manifest's version attribute and the LOM instead. The "rapport-" prefix
 * matters too: identifiers are xs:ID (NCName), which may not start with a digit, and slugs may.
 */
export function packageIdentifier(slug: string): string {
  return `rapport-${slug}`;
}

/** The identifiers an LMS keys tracking data on; see packageIdentifier for why they are stable. */
export function manifestIdentifiers(slug: string) {
  const id = packageIdentifier(slug);
  return {
    manifest: id,
    organization: `${id}-org`,
    item: `${id}-item`,
    sco: `${id}-sco`,
    controlFiles: `${id}-control-files`,
    primaryObjective: `${id}-passed`,
  };
}

// XML 1.0 forbids these code points outright; escaping cannot save them, so they are dropped
// rather than making the whole manifest unparseable for an LMS.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point.
const NOT_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Escapes text for element content and for double- or single-quoted attributes. */
export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML_CHARS, "")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&apos;");
}

/** A bundle path as a <file href>: URL-encoded (spaces, non-ASCII) and then XML-escaped. */
export function fileHref(path: string): string {
  return escapeXml(encodeURI(path));
}

/** <file> lines for a resource, one per path. */
export function fileElements(paths: readonly string[]): string {
  return paths.map((path) => `      <file href="${fileHref(path)}"/>`).join("\n");
}

/** 80 → "0.8": SCORM 2004 measures are scaled to -1..1, the module's pass mark is a percentage. */
export function scaledPassMark(passMark: number): string {
  return String(passMark / 100);
}

export function launchFile(files: readonly string[]): string {
  if (!files.includes(LAUNCH_FILE)) throw new Error(`the SCO bundle has no ${LAUNCH_FILE}`);
  return LAUNCH_FILE;
}
