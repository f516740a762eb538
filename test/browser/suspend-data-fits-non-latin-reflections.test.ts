import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Page } from "playwright-core";
import type { ModuleContent } from "../../server/content/module-schema.ts";
import type { PackageFormat } from "../../server/scorm/export-package.ts";
import { decodeSuspend } from "../../server/scorm/suspend-codec.ts";
import {
  isGraded,
  launchInLms,
  leaveSco,
  lmsLog,
  playModule,
  resumeFrom,
} from "../helpers/lms-host.ts";
import {
  type PackagesInLms,
  packagesInLms,
  starterModules,
} from "../helpers/starter-packages-in-lms.ts";

// Issue #12: with non-Latin reflections a SCORM 1.2 playthrough wrote 4,094 characters that were
// 4,766 UTF-8 bytes; an LMS keeping 4,096 bytes cut it, the JSON stopped parsing and the learner's
// whole progress was silently gone on return. The largest starter module is played in a
// scorm-again LMS with three 2,000-character reflections in Russian, Chinese and both, failed (so
// the learner comes back), left, and resumed from exactly what the LMS kept.

const SLUG = "managing-up";
const FORMATS: PackageFormat[] = ["scorm12", "scorm2004"];

const RUSSIAN =
  "я буду говорить с руководителем раньше и честно о сроках задачах рисках команде планах неделе помощи доверии обещаниях встрече отчёте проекте клиенте решении вопросе ошибке результате приоритетах".split(
    " ",
  );
const CHINESE =
  "我会在每周的会议上提前告诉经理项目的风险和进展并且认真听取她的意见这样我们之间的信任就会慢慢建立起来团队也会因此受益同时我要记得感谢同事的帮助";

/** Prose-like text of exactly length characters: words or characters picked from a fixed seed. */
function prose(seed: number, length: number, piece: (x: number) => string): string {
  let x = seed;
  let out = "";
  while (out.length < length) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out += piece(x >> 8);
  }
  return out.slice(0, length);
}

let lms: PackagesInLms;
let content: ModuleContent;
let texts: Record<string, string>;

before(async () => {
  // The largest starter module: the most lessons, and the most text in them.
  const largest = starterModules().sort(
    (a, b) =>
      b.lessons.length - a.lessons.length || JSON.stringify(b).length - JSON.stringify(a).length,
  )[0];
  assert.equal(largest?.slug, SLUG);
  content = largest;
  const ids = (content.reflections ?? []).map((r) => r.id);
  assert.ok(ids.length >= 3, "three reflections to fill");
  texts = {
    [ids[0] ?? ""]: prose(1, 2000, (x) => `${RUSSIAN[x % RUSSIAN.length]}${x % 7 ? " " : ". "}`),
    [ids[1] ?? ""]: prose(2, 2000, (x) => `${CHINESE[x % CHINESE.length]}${x % 11 ? "" : "。"}`),
    [ids[2] ?? ""]: prose(3, 2000, (x) =>
      x % 2 ? `${RUSSIAN[x % RUSSIAN.length]} ` : CHINESE.slice(x % 60, (x % 60) + 3),
    ),
  };
  lms = await packagesInLms(content, FORMATS);
});

after(async () => {
  await lms?.close();
});

interface ScoState {
  viewed: boolean[];
  answers: Record<string, string>;
  quizSubmitted: boolean;
  quizAttempts: number;
  quizPassed: boolean | null;
  reflections: Record<string, string>;
}

const scoState = async (page: Page): Promise<ScoState> => {
  const frame = page.frame({ url: /index\.html$/ });
  assert.ok(frame);
  return frame.evaluate(
    () => (window as unknown as { RapportSco: { state: ScoState } }).RapportSco.state,
  );
};

/** Plays to a failed quiz with the three long reflections, leaves, and resumes. */
async function playLeaveResume(format: PackageFormat) {
  const graded = content.quiz.filter(isGraded);
  const wrong = new Set(graded.slice(1).map((q) => q.id));
  const first = await launchInLms(lms.browser, lms.host, format);
  await playModule(first.frame, content, {
    wrong,
    reflection: "Ask Hana early.",
    reflections: texts,
  });
  const before = await scoState(first.page);
  await leaveSco(first.page);
  const log = await lmsLog(first.page);
  assert.ok(log.stored, "the LMS stored the attempt");
  assert.deepEqual(log.rejected, []);
  assert.deepEqual(first.problems, []);
  const suspends = log.calls
    .filter((c) => c.element === "cmi.suspend_data")
    .map((c) => c.value ?? "");
  await first.close();

  const second = await launchInLms(lms.browser, lms.host, format, resumeFrom(format, log.stored));
  const after = await scoState(second.page);
  return { before, after, suspends, stored: log.stored, second };
}

describe(`${SLUG} with three 2,000-character reflections in Russian and Chinese`, () => {
  it("SCORM 1.2: suspend data stays within 4,096 UTF-8 bytes and always parses; resuming restores every answer, and each reflection in full or shortened with the learner told", async () => {
    const { before, after, suspends, stored, second } = await playLeaveResume("scorm12");
    assert.ok(suspends.length > 10, "saved along the way");
    for (const text of suspends) {
      const bytes = Buffer.byteLength(text, "utf8");
      assert.ok(bytes <= 4096, `a suspend string of ${bytes} bytes`);
      assert.ok(decodeSuspend(text), "every suspend string parses");
    }
    const kept = decodeSuspend(String(stored.suspend_data));
    assert.ok(kept);

    // Every answer, lesson and the quiz's state come back; so does each reflection's start.
    assert.deepEqual(after.viewed, before.viewed);
    assert.deepEqual(after.answers, before.answers);
    assert.equal(after.quizSubmitted, true);
    assert.equal(after.quizPassed, false);
    assert.equal(after.quizAttempts, before.quizAttempts);
    const shortened = Object.keys(texts).filter((id) => after.reflections[id] !== texts[id]);
    assert.deepEqual([...(kept.t ?? [])].sort(), [...shortened].sort(), "the data names each");
    // This prose does not fit 4,096 bytes even compressed, so the shortening path is exercised.
    assert.ok(shortened.length > 0, "something had to be shortened");
    for (const [id, text] of Object.entries(texts)) {
      const back = after.reflections[id] ?? "";
      assert.ok(back.length > 200 && text.startsWith(back), `${id}: the start of what was typed`);
    }
    const fourth = content.reflections?.[3];
    if (fourth) assert.equal(after.reflections[fourth.id], "Ask Hana early.", "short ones whole");

    // The learner is told on the reflections page which reflections were shortened.
    const frame = second.frame;
    await frame.getByTestId("nav-reflections").click();
    const notes = (await frame.getByTestId("save-notes").textContent()) ?? "";
    for (const r of content.reflections ?? []) {
      assert.equal(notes.includes(r.prompt), shortened.includes(r.id), `note for ${r.id}`);
      assert.equal(
        await frame.getByTestId(`reflection-${r.id}`).inputValue(),
        after.reflections[r.id],
      );
    }
    await frame.getByTestId("nav-quiz").click();
    await frame.getByTestId("quiz-result").waitFor();
    assert.equal(await frame.getByTestId("save-notes").isVisible(), false, "only beside them");
    assert.deepEqual(second.problems, []);
    await second.close();
  });

  it("SCORM 2004: the same reflections come back in full", async () => {
    const { before, after, suspends, stored, second } = await playLeaveResume("scorm2004");
    for (const text of suspends) {
      assert.equal(Buffer.byteLength(text, "utf8"), text.length, "ASCII only");
      assert.ok(text.length <= 64000);
    }
    const kept = decodeSuspend(String(stored.suspend_data));
    assert.equal(kept?.t, undefined, "nothing shortened");
    assert.deepEqual(after, before);
    for (const [id, text] of Object.entries(texts)) assert.equal(after.reflections[id], text);
    await second.frame.getByTestId("nav-reflections").click();
    assert.equal(await second.frame.getByTestId("save-notes").isVisible(), false);
    assert.deepEqual(second.problems, []);
    await second.close();
  });
});
