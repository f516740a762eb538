import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { ModuleContent } from "../../server/content/module-schema.ts";
import type { PackageFormat } from "../../server/scorm/export-package.ts";
import { decodeSuspend } from "../../server/scorm/suspend-codec.ts";
import {
  type Cmi,
  cmiOf,
  type LmsSession,
  launchInLms,
  leaveSco,
  lmsLog,
} from "../helpers/lms-host.ts";
import {
  type PackagesInLms,
  packagesInLms,
  starterModule,
} from "../helpers/starter-packages-in-lms.ts";

// Suspend data the SCO cannot read (the LMS went back to an older package, or holds a newer
// format) may be the learner's real progress. The SCO used to overwrite it, and the learner's
// place, on opening, before the learner had done anything. Now it says it starts from the
// beginning and leaves both as the LMS holds them until the learner changes something.

const SLUG = "trust";
const NOTICE =
  "The progress this learning system kept could not be read, so the module starts from the beginning.";
const UNREADABLE: Record<PackageFormat, string> = {
  scorm12: "Z:garbage",
  // What a later runtime might write: valid JSON, a format version this one does not know.
  scorm2004: JSON.stringify({ v: 2, lessons: [1, 1, 1], answers: { q1: "b" } }),
};
const FORMATS: PackageFormat[] = ["scorm12", "scorm2004"];

let lms: PackagesInLms;
let content: ModuleContent;
let keptLocation: string;

before(async () => {
  content = starterModule(SLUG);
  assert.ok(content.lessons.length >= 3, "three lessons");
  keptLocation = `lesson/${content.lessons[2]?.id}`;
  lms = await packagesInLms(content, FORMATS);
});

after(async () => {
  await lms?.close();
});

function resume(format: PackageFormat): Record<string, unknown> {
  const suspend_data = UNREADABLE[format];
  return format === "scorm2004"
    ? { entry: "resume", location: keptLocation, suspend_data, completion_status: "incomplete" }
    : {
        core: { entry: "resume", lesson_location: keptLocation, lesson_status: "incomplete" },
        suspend_data,
      };
}

const heldIn = (cmi: Cmi, format: PackageFormat) => ({
  suspend: cmi.suspend_data,
  location:
    format === "scorm2004" ? cmi.location : (cmi.core as Record<string, unknown>).lesson_location,
});

const PLACE = /^cmi\.(suspend_data|location|core\.lesson_location)$/;
const placeWrites = async (session: LmsSession) =>
  (await lmsLog(session.page)).calls.filter((c) => PLACE.test(c.element ?? ""));

/** Opens the module on the unreadable data; the learner is told, and starts at the beginning. */
async function open(format: PackageFormat): Promise<LmsSession> {
  const session = await launchInLms(lms.browser, lms.host, format, resume(format));
  const first = content.lessons[0];
  assert.equal(await session.frame.getByTestId("page-title").textContent(), first?.title);
  assert.match(
    (await session.frame.getByTestId("save-notes").textContent()) ?? "",
    new RegExp(NOTICE),
  );
  return session;
}

describe(`${SLUG} opened on suspend data it cannot read`, () => {
  for (const format of FORMATS) {
    it(`${format}: nothing the learner did not do overwrites it; their first step is saved`, async () => {
      const session = await open(format);
      const { frame, page } = session;
      // Looking around changes nothing: the reflections page, and back to the first lesson.
      await frame.getByTestId("nav-reflections").click();
      await frame.getByTestId(`nav-lesson-${content.lessons[0]?.id}`).click();
      await frame
        .getByTestId("page-title")
        .getByText(content.lessons[0]?.title ?? "")
        .waitFor();
      assert.deepEqual(await placeWrites(session), [], "neither suspend data nor place was set");
      const log = await lmsLog(page);
      assert.ok(log.commits > 0, "the SCO did commit meanwhile");
      assert.deepEqual(heldIn(log.stored as Cmi, format), {
        suspend: UNREADABLE[format],
        location: keptLocation,
      });

      // The learner's first step of their own: the second lesson. From here on it saves as usual.
      await frame.getByTestId("next").click();
      await frame
        .getByTestId("page-title")
        .getByText(content.lessons[1]?.title ?? "")
        .waitFor();
      const stored = heldIn((await lmsLog(page)).stored as Cmi, format);
      assert.equal(stored.location, `lesson/${content.lessons[1]?.id}`);
      const data = decodeSuspend(String(stored.suspend));
      assert.ok(data, "readable suspend data now");
      assert.equal(data.l.slice(0, 3), "110", "the two lessons viewed");
      assert.match((await frame.getByTestId("save-notes").textContent()) ?? "", new RegExp(NOTICE));
      assert.deepEqual(session.problems, []);
      await session.close();
    });
  }

  it("leaving without doing anything keeps what the LMS held", async () => {
    const session = await open("scorm2004");
    await leaveSco(session.page);
    const log = await lmsLog(session.page);
    assert.equal(log.terminations, 1);
    assert.deepEqual(heldIn(await cmiOf(session.page), "scorm2004"), {
      suspend: UNREADABLE.scorm2004,
      location: keptLocation,
    });
    assert.equal((await cmiOf(session.page)).exit, "suspend", "kept for the next visit");
    assert.deepEqual(await placeWrites(session), []);
    assert.deepEqual(session.problems, []);
    await session.close();
  });

  it("a reflection is a change of its own: it is saved", async () => {
    const session = await open("scorm12");
    const reflection = content.reflections?.[0];
    assert.ok(reflection);
    await session.frame.getByTestId("nav-reflections").click();
    assert.deepEqual(await placeWrites(session), [], "not before the learner writes");
    await session.frame.getByTestId(`reflection-${reflection.id}`).fill("Say it early.");
    await leaveSco(session.page);
    const data = decodeSuspend(String((await cmiOf(session.page)).suspend_data));
    assert.equal(data?.r?.[reflection.id], "Say it early.");
    assert.deepEqual(session.problems, []);
    await session.close();
  });
});
