import type { ModuleContent } from "../content/module-schema.ts";
import {
  escapeXml,
  fileHref,
  launchFile,
  type ManifestInput,
  packageIdentifier,
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

export const SCORM12_METADATA_FILE = "metadata.xml";

const LANG = "en";

export function scorm12Manifest({ content, version, files }: ManifestInput): string {
  const id = packageIdentifier(content.slug, version);
  const title = escapeXml(content.title);
  const fileLines = files.map((path) => `      <file href="${fileHref(path)}"/>`);
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${id}" version="${version}"
    xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
    <adlcp:location>${SCORM12_METADATA_FILE}</adlcp:location>
  </metadata>
  <organizations default="${id}-org">
    <organization identifier="${id}-org">
      <title>${title}</title>
      <item identifier="${id}-item" identifierref="${id}-sco" isvisible="true">
        <title>${title}</title>
        <adlcp:masteryscore>${content.passMark}</adlcp:masteryscore>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="${id}-sco" type="webcontent" adlcp:scormtype="sco" href="${fileHref(launchFile(files))}">
${fileLines.join("\n")}
    </resource>
  </resources>
</manifest>
`;
}

/** The package's IMS MD 1.2.1 record, the file the manifest's adlcp:location names. */
export function scorm12Metadata(content: ModuleContent): string {
  const langstring = (text: string) =>
    `<langstring xml:lang="${LANG}">${escapeXml(text)}</langstring>`;
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
</lom>
`;
}
