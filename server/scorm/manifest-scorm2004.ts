import {
  escapeXml,
  fileElements,
  fileHref,
  launchFile,
  type ManifestInput,
  manifestIdentifiers,
  scaledPassMark,
} from "./manifest-xml.ts";

// SCORM 2004 4th Edition: IMS CP 1.1.4 + ADL CP/Seq 1.3 + IMS Simple Sequencing. One item launches
// the whole module as one SCO. Metadata is inline IEEE LOM, which the CP schema accepts through
// its lax wildcard; the LOM XSDs are not in the package because the schema dependency does not
// ship them, so xsi:schemaLocation does not point at them either.
//
// Identifiers name the module only (see packageIdentifier), so a new version can replace an old
// one in the same LMS activity without orphaning learners' tracking data, and the primary
// objective keeps its ID in cmi.objectives; the version is in the manifest's version attribute
// and the LOM's lifeCycle.
//
// Sequencing: the organization allows choice and flow, so a strictly conforming LMS can start the
// module by flowing into its one item as well as by letting the learner pick it. On the item, the
// pass mark becomes the primary objective's minimum measure, so the LMS judges success from
// cmi.score.scaled the same way the module does. completionSetByContent and objectiveSetByContent
// tell the LMS that the SCO reports both itself; without them an LMS may mark a learner who leaves
// half-way as completed. The item's rollupRules say its completion, success and score all count
// towards the organization's (the defaults, written out because some LMSes show nothing at the
// course level when they guess differently); the organization then uses the standard's default
// rollup rules, which for one child mean "whatever the item says".

const LANG = "en";
/** LOM's tag for text in no human language, such as a version number. */
const NO_LANGUAGE = "x-none";

export function scorm2004Manifest({
  content,
  version,
  files,
  controlFiles = [],
}: ManifestInput): string {
  const ids = manifestIdentifiers(content.slug);
  const title = escapeXml(content.title);
  const string = (text: string, lang = LANG) =>
    `<string language="${lang}">${escapeXml(text)}</string>`;
  const keywords = content.topics.map((topic) => `        <keyword>${string(topic)}</keyword>`);
  const controlResource =
    controlFiles.length === 0
      ? ""
      : `
    <resource identifier="${ids.controlFiles}" type="webcontent" adlcp:scormType="asset">
${fileElements(controlFiles)}
    </resource>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${ids.manifest}" version="${version}"
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
      <lifeCycle>
        <version>${string(String(version), NO_LANGUAGE)}</version>
      </lifeCycle>
      <educational>
        <typicalLearningTime><duration>PT${content.minutes}M</duration></typicalLearningTime>
      </educational>
    </lom>
  </metadata>
  <organizations default="${ids.organization}">
    <organization identifier="${ids.organization}">
      <title>${title}</title>
      <item identifier="${ids.item}" identifierref="${ids.sco}" isvisible="true">
        <title>${title}</title>
        <imsss:sequencing>
          <imsss:rollupRules rollupObjectiveSatisfied="true" rollupProgressCompletion="true" objectiveMeasureWeight="1"/>
          <imsss:objectives>
            <imsss:primaryObjective objectiveID="${ids.primaryObjective}" satisfiedByMeasure="true">
              <imsss:minNormalizedMeasure>${scaledPassMark(content.passMark)}</imsss:minNormalizedMeasure>
            </imsss:primaryObjective>
          </imsss:objectives>
          <imsss:deliveryControls completionSetByContent="true" objectiveSetByContent="true"/>
        </imsss:sequencing>
      </item>
      <imsss:sequencing>
        <imsss:controlMode choice="true" flow="true"/>
      </imsss:sequencing>
    </organization>
  </organizations>
  <resources>
    <resource identifier="${ids.sco}" type="webcontent" adlcp:scormType="sco" href="${fileHref(launchFile(files))}">
${fileElements(files)}
    </resource>${controlResource}
  </resources>
</manifest>
`;
}
