import {
  escapeXml,
  fileHref,
  launchFile,
  type ManifestInput,
  packageIdentifier,
  scaledPassMark,
} from "./manifest-xml.ts";

// SCORM 2004 4th Edition: IMS CP 1.1.4 + ADL CP/Seq 1.3 + IMS Simple Sequencing. One item launches
// the whole module as one SCO. Metadata is inline IEEE LOM, which the CP schema accepts through
// its lax wildcard; the LOM XSDs are not in the package because the schema dependency does not
// ship them, so xsi:schemaLocation does not point at them either.
//
// Sequencing: the pass mark becomes the primary objective's minimum measure, so the LMS judges
// success from cmi.score.scaled the same way the module does. completionSetByContent and
// objectiveSetByContent tell the LMS that the SCO reports both itself; without them an LMS may
// mark a learner who leaves half-way as completed.

const LANG = "en";

export function scorm2004Manifest({ content, version, files }: ManifestInput): string {
  const id = packageIdentifier(content.slug, version);
  const title = escapeXml(content.title);
  const string = (text: string) => `<string language="${LANG}">${escapeXml(text)}</string>`;
  const keywords = content.topics.map((topic) => `        <keyword>${string(topic)}</keyword>`);
  const fileLines = files.map((path) => `      <file href="${fileHref(path)}"/>`);
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${id}" version="${version}"
    xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
    xmlns:imsss="http://www.imsglobal.org/xsd/imsss"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>2004 4th Edition</schemaversion>
    <lom xmlns="http://ltsc.ieee.org/xsd/LOM">
      <general>
        <title>${string(content.title)}</title>
        <language>${LANG}</language>
        <description>${string(content.summary)}</description>
${keywords.join("\n")}
      </general>
      <educational>
        <typicalLearningTime><duration>PT${content.minutes}M</duration></typicalLearningTime>
      </educational>
    </lom>
  </metadata>
  <organizations default="${id}-org">
    <organization identifier="${id}-org">
      <title>${title}</title>
      <item identifier="${id}-item" identifierref="${id}-sco" isvisible="true">
        <title>${title}</title>
        <imsss:sequencing>
          <imsss:objectives>
            <imsss:primaryObjective objectiveID="${id}-passed" satisfiedByMeasure="true">
              <imsss:minNormalizedMeasure>${scaledPassMark(content.passMark)}</imsss:minNormalizedMeasure>
            </imsss:primaryObjective>
          </imsss:objectives>
          <imsss:deliveryControls completionSetByContent="true" objectiveSetByContent="true"/>
        </imsss:sequencing>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="${id}-sco" type="webcontent" adlcp:scormType="sco" href="${fileHref(launchFile(files))}">
${fileLines.join("\n")}
    </resource>
  </resources>
</manifest>
`;
}
