import assert from "node:assert/strict";
import { buffer } from "node:stream/consumers";
import { describe, it } from "node:test";
import { checkLibrary } from "../../server/content/check-library.ts";
import { COURSES_DIR } from "../../server/content/load-course-library.ts";
import { type ModuleContent, moduleContent } from "../../server/content/module-schema.ts";
import { exportPackage } from "../../server/scorm/export-package.ts";
import { scorm12Manifest } from "../../server/scorm/manifest-scorm12.ts";
import { scorm2004Manifest } from "../../server/scorm/manifest-scorm2004.ts";
import { PACKAGE_FORMATS, type PackageFormat } from "../../server/scorm/manifest-xml.ts";
import { type UnzippedEntry, unzip } from "./export-unzip.ts";
import {
  checkWellFormed,
  officialSchemaFiles,
  validateManifest,
} from "./manifests-schema-validator.ts";
import { fixtureModule } from "./sco-fixture.ts";

// Every starter module, in both formats, must produce a manifest the official XSDs accept and
// that an LMS can act on: files present, identifiers unique and resolvable, pass mark as mastery.

const HOSTILE_TITLE = 'Trust & "safety" <at> work — café';

const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
const all = (xml: string, re: RegExp) => [...xml.matchAll(re)].map((m) => m[1] ?? "");
const decodeXml = (text: string) =>
  text
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&quot;", '"')
    .replaceAll("&apos;", "'")
    .replaceAll("&amp;", "&");

async function buildPackage(content: ModuleContent, format: PackageFormat, version = 1) {
  const zip = await buffer(exportPackage(content, { version, format }));
  const entries = await unzip(zip);
  const byPath = new Map(entries.map((e) => [e.path, e.data]));
  assert.equal(byPath.size, entries.length, "no two entries share a name");
  const manifest = byPath.get("imsmanifest.xml")?.toString("utf8");
  assert.ok(manifest, "imsmanifest.xml is at the root of the zip");
  return { entries, byPath, manifest };
}

async function assertValid(manifest: string, format: PackageFormat, what: string) {
  const result = await validateManifest(manifest, format);
  assert.ok(result.valid, `${what}: ${result.errors.join("\n")}`);
}

/** Checks an LMS makes beyond the XSDs (which have no key/keyref). */
function assertResolvable(manifest: string, byPath: Map<string, Buffer>) {
  const ids = all(manifest, /\sidentifier="([^"]*)"/g);
  assert.equal(new Set(ids).size, ids.length, `identifiers are unique: ${ids.join(", ")}`);
  const resources = [...manifest.matchAll(/<resource\s[^>]*>[\s\S]*?<\/resource>/g)].map(
    (m) => m[0],
  );
  assert.equal(resources.length, 2, "the SCO and the control files");
  const [sco = "", control = ""] = resources;
  const openingTag = (resource: string) => /^<resource[^>]*>/.exec(resource)?.[0] ?? "";
  const resourceId = attr(openingTag(sco), "identifier");
  assert.deepEqual(all(manifest, /\sidentifierref="([^"]*)"/g), [resourceId]);
  const orgDefault = /<organizations\s+default="([^"]*)"/.exec(manifest)?.[1];
  assert.ok(orgDefault && ids.includes(orgDefault), "the default organization exists");

  const launch = attr(openingTag(sco), "href");
  assert.equal(launch, "index.html");
  assert.ok(byPath.has(launch), "the launch file is in the zip");
  const hrefsOf = (resource: string) =>
    all(resource, /<file\s+href="([^"]*)"/g).map((h) => decodeURI(decodeXml(h)));
  assert.ok(hrefsOf(sco).includes(launch), "the launch file is listed");

  // The control files are an asset nothing launches or depends on: listed, never delivered.
  assert.match(control, /^<resource [^>]*scorm[Tt]ype="asset"/);
  assert.equal(
    attr(openingTag(control), "href"),
    undefined,
    "the control files have no launch file",
  );
  assert.deepEqual(
    hrefsOf(control).filter((href) => !/\.(xsd|dtd|xml)$/.test(href)),
    [],
    "only metadata and schema files are control files",
  );

  // Every file in the zip but the manifest itself is listed exactly once, and every listed file
  // is in the zip.
  const listed = [...hrefsOf(sco), ...hrefsOf(control)];
  for (const href of listed) assert.ok(byPath.has(href), `<file href="${href}"> is in the zip`);
  assert.deepEqual(
    [...listed].sort(),
    [...byPath.keys()].filter((path) => path !== "imsmanifest.xml").sort(),
    "the manifest lists every file in the zip",
  );

  const schemaLocation = /xsi:schemaLocation="([^"]*)"/.exec(manifest)?.[1] ?? "";
  const locations = schemaLocation.split(/\s+/).filter((_, i) => i % 2 === 1);
  assert.ok(locations.length >= 2);
  for (const xsd of locations) assert.ok(byPath.has(xsd), `${xsd} is shipped beside the manifest`);
}

function assertShipsOfficialSchemas(entries: UnzippedEntry[], format: PackageFormat) {
  for (const official of officialSchemaFiles(format)) {
    const shipped = entries.find((e) => e.path === official.path);
    assert.ok(shipped, `${official.path} is in the zip`);
    assert.ok(shipped.data.equals(official.data), `${official.path} is the npm package's bytes`);
  }
}

async function assertMetadata(
  format: PackageFormat,
  manifest: string,
  byPath: Map<string, Buffer>,
  content: ModuleContent,
  version: number,
) {
  let lom = manifest;
  if (format === "scorm12") {
    const location = /<adlcp:location>([^<]*)<\/adlcp:location>/.exec(manifest)?.[1];
    assert.ok(location, "the manifest names its metadata file");
    lom = byPath.get(location)?.toString("utf8") ?? "";
    assert.ok(lom, `${location} is in the zip`);
    const parsed = await checkWellFormed(lom, location);
    assert.ok(parsed.valid, parsed.errors.join("\n"));
  } else {
    assert.match(manifest, /<lom xmlns="http:\/\/ltsc\.ieee\.org\/xsd\/LOM">/);
  }
  const strings = all(lom, /<(?:langstring|string)[^>]*>([^<]*)</g).map(decodeXml);
  assert.ok(strings.includes(content.title), "the LOM carries the title");
  assert.ok(strings.includes(content.summary), "the LOM carries the description");
  for (const topic of content.topics) assert.ok(strings.includes(topic), `keyword ${topic}`);
  const versionTag = format === "scorm12" ? "lifecycle" : "lifeCycle";
  const lifecycle = new RegExp(`<${versionTag}>\\s*<version>([\\s\\S]*?)</version>`).exec(lom);
  assert.equal(
    /<(?:langstring|string)[^>]*>([^<]*)</.exec(lifecycle?.[1] ?? "")?.[1],
    String(version),
    "the LOM carries the version",
  );
}

function assertMastery(format: PackageFormat, manifest: string, passMark: number) {
  if (format === "scorm12") {
    assert.deepEqual(all(manifest, /<adlcp:masteryscore>([^<]*)</g), [String(passMark)]);
    assert.match(manifest, /adlcp:scormtype="sco"/);
    assert.match(manifest, /<schemaversion>1\.2<\/schemaversion>/);
  } else {
    const measures = all(manifest, /<imsss:minNormalizedMeasure>([^<]*)</g);
    assert.deepEqual(measures.map(Number), [passMark / 100]);
    assert.match(manifest, /<imsss:primaryObjective [^>]*satisfiedByMeasure="true"/);
    assert.match(manifest, /adlcp:scormType="sco"/);
    assert.match(manifest, /<schemaversion>2004 4th Edition<\/schemaversion>/);
    assertSequencing(manifest);
  }
}

/**
 * Where each sequencing setting sits matters as much as its value: flow on the organization lets
 * the LMS start the module by itself, the objective and delivery controls on the item let the
 * SCO's own completion, success and score reach the LMS and roll up to the organization.
 */
function assertSequencing(manifest: string) {
  const organization = /<organization [^>]*>([\s\S]*)<\/organization>/.exec(manifest)?.[1] ?? "";
  const item = /<item [^>]*>([\s\S]*)<\/item>/.exec(organization)?.[1] ?? "";
  const outsideItem = organization.replace(/<item [\s\S]*<\/item>/, "");
  assert.match(
    outsideItem,
    /<imsss:sequencing>\s*<imsss:controlMode choice="true" flow="true"\/>\s*<\/imsss:sequencing>/,
    "the organization allows choice and flow",
  );
  assert.doesNotMatch(item, /controlMode/, "a leaf item has no children to control");
  assert.match(item, /<imsss:primaryObjective [^>]*satisfiedByMeasure="true"/);
  assert.match(
    item,
    /<imsss:rollupRules rollupObjectiveSatisfied="true" rollupProgressCompletion="true" objectiveMeasureWeight="1"\/>/,
  );
  assert.match(
    item,
    /<imsss:deliveryControls completionSetByContent="true" objectiveSetByContent="true"\/>/,
  );
}

describe("SCORM manifests of the starter library", () => {
  const { modules } = checkLibrary(COURSES_DIR);

  it("finds modules to export", () => {
    assert.ok(modules.length > 0, "courses/ has at least one readable module");
  });

  for (const content of modules) {
    for (const format of PACKAGE_FORMATS) {
      it(`${content.slug} (${format}) is valid and complete`, async () => {
        const { entries, byPath, manifest } = await buildPackage(content, format, 3);
        await assertValid(manifest, format, `${content.slug} ${format}`);
        assertResolvable(manifest, byPath);
        assertShipsOfficialSchemas(entries, format);
        await assertMetadata(format, manifest, byPath, content, 3);
        assertMastery(format, manifest, content.passMark);
        assert.match(
          manifest,
          new RegExp(`<manifest identifier="rapport-${content.slug}" version="3"`),
        );
      });
    }
  }
});

describe("SCORM manifests with hostile text", () => {
  const hostile = moduleContent.parse({ ...fixtureModule(), title: HOSTILE_TITLE });

  for (const format of PACKAGE_FORMATS) {
    it(`escapes titles and descriptions (${format})`, async () => {
      const { byPath, manifest } = await buildPackage(hostile, format);
      await assertValid(manifest, format, `hostile ${format}`);
      const titles = all(manifest, /<title>([^<]*)<\/title>/g);
      assert.equal(titles.length, 2, "organization and item titles");
      for (const title of titles) {
        assert.equal(title, "Trust &amp; &quot;safety&quot; &lt;at&gt; work — café");
        assert.equal(decodeXml(title), HOSTILE_TITLE);
      }
      await assertMetadata(format, manifest, byPath, hostile, 1);
    });
  }

  it("drops characters XML 1.0 cannot carry instead of breaking the manifest", async () => {
    const content = { ...hostile, title: "Bell\u0007 and form\u000Cfeed" };
    const manifest = scorm2004Manifest({ content, version: 1, files: ["index.html"] });
    await assertValid(manifest, "scorm2004", "control characters");
    assert.match(manifest, /<title>Bell and formfeed<\/title>/);
  });
});

describe("the manifest validator", () => {
  // If these passed, a green run above would prove nothing.
  const content = fixtureModule();
  const files = ["index.html", "sco.js"];
  const manifests = {
    scorm12: scorm12Manifest({ content, version: 1, files }),
    scorm2004: scorm2004Manifest({ content, version: 1, files }),
  };

  for (const format of PACKAGE_FORMATS) {
    it(`rejects a ${format} manifest without its required <organizations>`, async () => {
      const broken = manifests[format].replace(/<organizations[\s\S]*<\/organizations>/, "");
      const result = await validateManifest(broken, format);
      assert.equal(result.valid, false);
      assert.match(result.errors.join("\n"), /Expected is \( \{[^}]+\}organizations \)/);
    });

    it(`rejects a ${format} manifest that is not well-formed`, async () => {
      const broken = manifests[format].replace("<title>", "<title>A & B");
      const result = await validateManifest(broken, format);
      assert.equal(result.valid, false);
    });
  }

  it("rejects a SCORM 1.2 element that does not exist", async () => {
    const broken = manifests.scorm12.replaceAll("adlcp:masteryscore", "adlcp:passingscore");
    const result = await validateManifest(broken, "scorm12");
    assert.equal(result.valid, false);
    assert.match(result.errors.join("\n"), /passingscore/);
  });

  it("rejects SCORM 2004 sequencing in the wrong place", async () => {
    // imsss:sequencing must follow the organization's items; the IMS SS order puts controlMode
    // before objectives.
    const orgSequencing =
      /\s*<imsss:sequencing>\s*<imsss:controlMode[^>]*\/>\s*<\/imsss:sequencing>/;
    const block = orgSequencing.exec(manifests.scorm2004)?.[0] ?? "";
    assert.ok(block, "the organization has a sequencing block");
    const beforeItem = manifests.scorm2004
      .replace(block, "")
      .replace(/(<organization [^>]*>\s*<title>[^<]*<\/title>)/, `$1${block}`);
    const early = await validateManifest(beforeItem, "scorm2004");
    assert.equal(early.valid, false);
    const afterObjectives = manifests.scorm2004.replace(
      "</imsss:objectives>",
      '</imsss:objectives><imsss:controlMode flow="true"/>',
    );
    const late = await validateManifest(afterObjectives, "scorm2004");
    assert.equal(late.valid, false);
    assert.match(late.errors.join("\n"), /controlMode/);
  });

  it("rejects a SCORM 2004 mastery measure outside -1..1", async () => {
    const broken = manifests.scorm2004.replace(
      /<imsss:minNormalizedMeasure>[^<]*</,
      "<imsss:minNormalizedMeasure>80<",
    );
    const result = await validateManifest(broken, "scorm2004");
    assert.equal(result.valid, false);
    assert.match(result.errors.join("\n"), /minNormalizedMeasure/);
  });
});
