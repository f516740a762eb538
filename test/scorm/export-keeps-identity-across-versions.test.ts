import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buffer } from "node:stream/consumers";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { createModule } from "../../server/authoring/create-module.ts";
import { publishModule } from "../../server/authoring/publish-module.ts";
import type { RequestActor } from "../../server/authoring/route-helpers.ts";
import { saveDraft } from "../../server/authoring/save-draft.ts";
import { Module } from "../../server/content/module-model.ts";
import type { ModuleContentInput } from "../../server/content/module-schema.ts";
import { exportPackage } from "../../server/scorm/export-package.ts";
import { findPublishedVersion, type PublishedModule } from "../../server/scorm/export-sources.ts";
import { PACKAGE_FORMATS, type PackageFormat } from "../../server/scorm/manifest-xml.ts";
import { makeUser } from "../helpers/authoring-api.ts";
import { launchBrowser } from "../helpers/browser.ts";
import { connectTestDatabase } from "../helpers/database.ts";
import {
  type Cmi,
  cmiOf,
  launchInLms,
  leaveSco,
  playModule,
  startLmsHost,
  unpackPackage,
} from "../helpers/lms-host.ts";
import { unzip } from "./export-unzip.ts";
import { validateManifest } from "./manifests-schema-validator.ts";

// Issue #12: an administrator who replaces the v1 package of an LMS activity with v2 must not lose
// learners' tracking. LMSes match the new manifest to the old one by identifier (Moodle deletes the
// tracking of an item whose identifier disappeared) and line reports up by interaction id. So a
// module is published twice through the authoring commands, both versions are exported the way the
// download route does, and v2 must keep every identifier v1 had. The interaction ids are read
// from a scorm-again LMS that played both packages, not derived here from the question ids.

const SLUG = "steady-identity";

type QuestionInput = ModuleContentInput["quiz"][number];
type LessonInput = ModuleContentInput["lessons"][number];

const keep: QuestionInput = {
  id: "follow-through",
  type: "single",
  prompt: "Which habit builds trust fastest?",
  options: [
    { text: "Doing what you said", correct: true, feedback: "Follow-through adds up." },
    { text: "Promising more", feedback: "Promises without delivery cost trust." },
  ],
};

const lesson: LessonInput = {
  id: "small-promises",
  title: "Small promises",
  minutes: 2,
  markdown: "Trust grows from small promises kept.",
  checks: [
    {
      id: "kept-promise",
      type: "true-false",
      prompt: "A kept small promise builds trust.",
      answer: true,
      feedback: { true: "Yes: small and kept.", false: "It does; small acts count." },
    },
  ],
};

const v1: ModuleContentInput = {
  slug: SLUG,
  title: "Steady identity",
  summary: "A module published twice to prove its package keeps its identity.",
  topics: ["trust"],
  minutes: 5,
  passMark: 50,
  lessons: [lesson],
  quiz: [
    keep,
    {
      id: "grand-gestures",
      type: "true-false",
      prompt: "Trust is built mostly through grand gestures.",
      answer: false,
      feedback: { true: "Small acts matter more.", false: "Right: small acts matter." },
    },
    {
      id: "repair-steps",
      type: "multiple",
      prompt: "Which of these help repair trust?",
      options: [
        { text: "Owning your part", correct: true, feedback: "Ownership shows respect." },
        { text: "Agreeing a next step", correct: true, feedback: "A plan closes the loop." },
        { text: "Blaming the process", feedback: "Blame delays repair." },
      ],
    },
  ],
};

/** v2: new title and lesson text, one question reworded, one dropped, one added; `keep` as is. */
const v2: ModuleContentInput = {
  ...v1,
  title: "Steady identity, revised",
  lessons: [{ ...lesson, markdown: "Trust grows from promises kept." }],
  quiz: [
    keep,
    {
      id: "grand-gestures",
      type: "true-false",
      prompt: "Grand gestures build more trust than small, kept promises.",
      answer: false,
      feedback: { true: "Small acts matter more.", false: "Right: small acts matter." },
    },
    {
      id: "ask-early",
      type: "single",
      prompt: "When should you share bad news?",
      options: [
        { text: "Early", correct: true, feedback: "Early news leaves time to act." },
        { text: "Once it is fixed", feedback: "Late news looks like hiding." },
      ],
    },
  ],
};

interface Exported {
  published: PublishedModule;
  manifest: Record<PackageFormat, string>;
  zips: Record<PackageFormat, Buffer>;
}

let db: Awaited<ReturnType<typeof connectTestDatabase>>;
const exported: Exported[] = [];

async function publish(draft: ModuleContentInput, revision: number, actor: RequestActor) {
  await saveDraft({ slug: SLUG, revision, draft, actor });
  const mod = await Module.findOne({ slug: SLUG }).lean();
  assert.ok(mod);
  return (await publishModule({ moduleId: mod._id, actor })).version;
}

async function exportVersion(version: number): Promise<Exported> {
  const published = await findPublishedVersion(SLUG, version);
  assert.ok(published, `v${version} is published`);
  const zips = {} as Record<PackageFormat, Buffer>;
  const manifest = {} as Record<PackageFormat, string>;
  for (const format of PACKAGE_FORMATS) {
    zips[format] = await buffer(
      exportPackage(published.content, { version: published.version, format }),
    );
    const entry = (await unzip(zips[format])).find((e) => e.path === "imsmanifest.xml");
    assert.ok(entry, "the zip has a manifest");
    manifest[format] = entry.data.toString("utf8");
  }
  return { published, manifest, zips };
}

before(async () => {
  db = await connectTestDatabase(import.meta.url);
  const ada = await makeUser("author", "ada@example.org");
  await createModule({ title: "Steady identity", slug: SLUG, actor: ada });
  assert.equal(await publish(v1, 1, ada), 1);
  assert.equal(await publish(v2, 2, ada), 2);
  exported.push(await exportVersion(1), await exportVersion(2));
});

after(async () => {
  await db?.drop();
});

const pick = (xml: string, re: RegExp) => [...xml.matchAll(re)].map((m) => m[1] ?? "");

/** Everything in a manifest an LMS keys learners' data on. */
function identity(xml: string) {
  return {
    manifest: pick(xml, /<manifest\s+identifier="([^"]*)"/g),
    organizationsDefault: pick(xml, /<organizations\s+default="([^"]*)"/g),
    organizations: pick(xml, /<organization\s+identifier="([^"]*)"/g),
    items: pick(xml, /<item\s+identifier="([^"]*)"/g),
    itemRefs: pick(xml, /\sidentifierref="([^"]*)"/g),
    resources: pick(xml, /<resource\s+identifier="([^"]*)"/g),
    objectives: pick(xml, /\sobjectiveID="([^"]*)"/g),
  };
}

describe("exporting v1 and v2 of one module", () => {
  for (const format of PACKAGE_FORMATS) {
    it(`keeps the manifest, organization, item and resource identifiers (${format})`, () => {
      const [first, second] = exported.map((e) => e?.manifest[format] ?? "");
      const ids = identity(first ?? "");
      assert.deepEqual(ids.manifest, [`rapport-${SLUG}`]);
      assert.equal(ids.organizations.length, 1);
      assert.equal(ids.items.length, 1);
      assert.equal(ids.resources.length, 2, "the SCO and the control files");
      assert.equal(ids.objectives.length, format === "scorm2004" ? 1 : 0);
      assert.deepEqual(identity(second ?? ""), ids);
      // The slug has no digits, so any digit would be a version number.
      for (const id of Object.values(ids).flat()) assert.doesNotMatch(id, /\d/, id);
    });

    it(`says which version it is in the version attribute and the metadata (${format})`, async () => {
      for (const [n, { manifest, published }] of exported.entries()) {
        assert.equal(published.version, n + 1);
        const xml = manifest[format];
        assert.match(xml, new RegExp(`<manifest identifier="[^"]*" version="${n + 1}"`));
        const result = await validateManifest(xml, format);
        assert.ok(result.valid, result.errors.join("\n"));
      }
      assert.match(exported[1]?.manifest[format] ?? "", /<title>Steady identity, revised<\/title>/);
      const v2Zip = await unzip(exported[1]?.zips[format] ?? Buffer.alloc(0));
      const lom =
        format === "scorm12"
          ? (v2Zip.find((e) => e.path === "metadata.xml")?.data.toString("utf8") ?? "")
          : (exported[1]?.manifest[format] ?? "");
      assert.match(lom, /<version><(?:lang)?string [^>]*>2<\/(?:lang)?string><\/version>/);
    });
  }
});

describe("the v1 and v2 packages played in a scorm-again LMS", () => {
  let browser: Browser;
  let root = "";
  const interactions: Record<string, Cmi["interactions"][string][]> = {};

  before(async () => {
    root = await mkdtemp(join(tmpdir(), "rapport-identity-"));
    const dirs: Record<string, string> = {};
    for (const { published, zips } of exported) {
      for (const format of PACKAGE_FORMATS) {
        const name = `v${published.version}-${format}`;
        dirs[name] = join(root, name);
        await unpackPackage(zips[format], dirs[name]);
      }
    }
    const host = await startLmsHost(dirs);
    browser = await launchBrowser();
    try {
      for (const { published } of exported) {
        for (const format of PACKAGE_FORMATS) {
          const name = `v${published.version}-${format}`;
          const session = await launchInLms(browser, host, name);
          await playModule(session.frame, published.content, { wrong: new Set(), reflection: "" });
          await leaveSco(session.page);
          interactions[name] = Object.values((await cmiOf(session.page)).interactions);
          await session.close();
        }
      }
    } finally {
      await browser.close();
      await host.close();
    }
  });

  after(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  for (const format of PACKAGE_FORMATS) {
    it(`an unchanged question keeps its interaction id and answer key (${format})`, () => {
      const ids = (version: number) =>
        (interactions[`v${version}-${format}`] ?? []).map((i) => i.id);
      assert.deepEqual(ids(1), [
        "check-kept-promise",
        "quiz-follow-through",
        "quiz-grand-gestures",
        "quiz-repair-steps",
      ]);
      assert.deepEqual(ids(2), [
        "check-kept-promise",
        "quiz-follow-through",
        "quiz-grand-gestures",
        "quiz-ask-early",
      ]);
      const kept = (version: number) =>
        (interactions[`v${version}-${format}`] ?? []).find((i) => i.id === "quiz-follow-through");
      assert.equal(kept(2)?.type, kept(1)?.type);
      assert.equal(
        kept(2)?.correct_responses["0"]?.pattern,
        kept(1)?.correct_responses["0"]?.pattern,
      );
    });
  }
});
