import type { ModuleContent } from "../content/module-schema.ts";
import {
  escapeXml,
  fileElements,
  fileHref,
  launchFile,
  type ManifestInput,
  manifestIdentifiers,
} from "./manifest-xml.ts";

// SCORM 1.2 = IMS Content Packaging 1.1.2 + ADL CP 1.2 + IMS Metadata 1.2.1. One organization
// with one item, launching the whole module as one SCO: the module sequences its own lessons, so
// the LMS has nothing to sequence.
//
// The LOM (title, description, keywords) sits in its own file, referenced by adlcp:location, as
// ADL's 1.2 sample courses do. Inline it would have to be validated with the manifest, and IMS's
// imsmd_rootv1p2p1.xsd breaks the unique-particle rule ("content model is not determinist"), so
// strict XSD processors (libxml2 2.10+, Xerces) refuse to compile it: an LMS that validates the
// manifest with one would reject the whole package.
//
// Identifiers name the module only (see packageIdentifier), so a new version can replace an old
// one in the same LMS activity without orphaning learners' tracking data; the version is in the
// manifest's version attribute and the LOM's lifecycle.

export const SCORM12_METADATA_FILE = "metadata.xml";

const LANG = "en";
/** LOM's tag for text in no human language, such as a version number. */
const NO_LANGUAGE = "x-none";

export function scorm12Manifest({
  content,
  version,
  files,
  controlFiles = [],
}: ManifestInput): string {
  const ids = manifestIdentifiers(content.slug);
  const title = escapeXml(content.title);
  const controlResource =
    controlFiles.length === 0
      ? ""
      : `
    <resource identifier="${ids.controlFiles}" type="webcontent" adlcp:scormtype="asset">
${fileElements(controlFiles)}
    </resource>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${ids.manifest}" version="${version}"
    xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
    <adlcp:location>${SCORM12_METADATA_FILE}</adlcp:location>
  </metadata>
  <organizations default="${ids.organization}">
    <organization identifier="${ids.organization}">
      <title>${title}</title>
      <item identifier="${ids.item}" identifierref="${ids.sco}" isvisible="true">
        <title>${title}</title>
        <adlcp:masteryscore>${content.passMark}</adlcp:masteryscore>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="${ids.sco}" type="webcontent" adlcp:scormtype="sco" href="${fileHref(launchFile(files))}">
${fileElements(files)}
    </resource>${controlResource}
  </resources>
</manifest>
`;
}

/** The package's IMS MD 1.2.1 record, the file the manifest's adlcp:location names. */
export function scorm12Metadata(content: ModuleContent, version: number): string {
  const langstring = (text: string, lang = LANG) =>
    `<langstring xml:lang="${lang}">${escapeXml(text)}</langstring>`;
  const keywords = content.topics.map((topic) => `    <keyword>${langstring(topic)}</keyword>`);
  return `<?xml version="1.0" encoding="UTF-8"?>
<lom xmlns="http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd">
  <general>
    <title>${langstring(content.title)}</title>
    <language>${LANG}</language>
    <description>${langstring(content.summary)}</description>
${keywords.join("\n")}
  </general>
  <lifecycle>
    <version>${langstring(String(version), NO_LANGUAGE)}</version>
  </lifecycle>
</lom>
`;
}
