import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import type { Browser } from "playwright-core";
import { checkLibrary } from "../../server/content/check-library.ts";
import type { ModuleContent, Question } from "../../server/content/module-schema.ts";
import {
  exportPackage,
  MANIFEST_FILE,
  type PackageFormat,
} from "../../server/scorm/export-package.ts";
import { launchBrowser } from "../helpers/browser.ts";
import {
  type Cmi,
  cmiOf,
  isGraded,
  type LmsHost,
  type LmsSession,
  launchInLms,
  leaveSco,
  lmsLog,
  playModule,
  readStream,
  startLmsHost,
  unpackPackage,
} from "../helpers/lms-host.ts";

// The acceptance test for "every module exports as a SCORM 1.2 and a SCORM 2004 4th Edition
// package": the real export of a starter module is unzipped, launched from its manifest by a
// minimal LMS whose API is scorm-again (no Rapport server anywhere), played to the end, and judged
// by what the LMS holds afterwards.

const COURSES = fileURLToPath(new URL("../../courses/", import.meta.url));
const SLUG = "trust";
const VERSION = 1;
const FORMATS: PackageFormat[] = ["scorm2004", "scorm12"];

const INTERACTION_TYPE: Record<string, string> = {
  single: "choice",
  multiple: "choice",
  scenario: "choice",
  "true-false": "true-false",
  ordering: "sequencing",
  matching: "matching",
  likert: "likert",
};
// The vocabularies each standard allows for cmi.interactions.n.type.
const TYPES_2004 = new Set([
  "true-false",
  "choice",
  "fill-in",
  "long-fill-in",
  "likert",
  "matching",
  "performance",
  "sequencing",
  "numeric",
  "other",
]);
const TYPES_12 = new Set([
  "true-false",
  "choice",
  "fill-in",
  "matching",
  "performance",
  "sequencing",
  "likert",
  "numeric",
]);

// SCORM 2004 timestamps as strict LMSes check them (Moodle's scorm_13.js uses the same rule).
const CMI_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,2}(Z|[+-]\d\d(:\d\d)?)?)?$/;

let browser: Browser;
let host: LmsHost;
let root: string;
let content: ModuleContent;
const unpacked: Partial<Record<PackageFormat, string[]>> = {};

before(async () => {
  const library = checkLibrary(COURSES);
  assert.deepEqual(library.problems, [], "the starter library reads cleanly");
  const found = library.modules.find((m) => m.slug === SLUG);
  assert.ok(found, `courses/${SLUG} is in the library`);
  content = found;

  root = await mkdtemp(join(tmpdir(), "rapport-lms-"));
  const dirs: Record<string, string> = {};
  for (const format of FORMATS) {
    const zip = await readStream(exportPackage(content, { version: VERSION, format }));
    dirs[format] = join(root, format);
    unpacked[format] = await unpackPackage(zip, dirs[format]);
  }
  host = await startLmsHost(dirs);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await host?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

const gradedQuiz = () => content.quiz.filter(isGraded);

/** The fewest right answers that pass, by the pass mark the package carries. */
const needed = () => Math.ceil((content.passMark * gradedQuiz().length) / 100);

/**
 * A pass at the pass mark (as many wrong answers as still pass) or a fail just below it, so the
 * mastery score the LMS preloads from the manifest decides the outcome. Wrong answers come from
 * the end of the quiz.
 */
function quizPlan(pass: boolean) {
  const graded = gradedQuiz();
  const right = pass ? needed() : needed() - 1;
  assert.ok(right >= 0 && right < graded.length + (pass ? 1 : 0), "the pass mark can be missed");
  const wrong = new Set(graded.slice(right).map((q) => q.id));
  return { wrong, right, total: graded.length, reflection: "Tell Sam on Tuesday, not Thursday." };
}

interface Expected {
  id: string;
  type: string;
  correct: boolean | null;
}

/** One interaction per graded check and quiz question, one per likert statement, in that order. */
function expectedInteractions(wrong: ReadonlySet<string>): Expected[] {
  const of = (prefix: string, q: Question, correct: boolean): Expected[] =>
    q.type === "likert"
      ? q.statements.map((s) => ({
          id: `${prefix}-${q.id}-${s.id}`,
          type: "likert",
          correct: null,
        }))
      : [{ id: `${prefix}-${q.id}`, type: INTERACTION_TYPE[q.type] ?? "?", correct }];
  return [
    ...content.lessons.flatMap((l) => l.checks.flatMap((q) => of("check", q, true))),
    ...content.quiz.flatMap((q) => of("quiz", q, !wrong.has(q.id))),
  ];
}

/** The package is launched, played per plan, and the LMS's CMI taken before and after exit. */
async function playPackage(format: PackageFormat, pass: boolean) {
  const plan = quizPlan(pass);
  const session = await launchInLms(browser, host, format);
  const { launch } = session;
  assert.equal(launch.edition, format === "scorm12" ? "12" : "2004", "API edition by manifest");
  assert.equal(launch.schemaversion, format === "scorm12" ? "1.2" : "2004 4th Edition");
  assert.equal(launch.scormType, "sco");
  assert.ok(unpacked[format]?.includes(launch.href), `launch file ${launch.href} is in the zip`);
  assert.ok(unpacked[format]?.includes(MANIFEST_FILE));
  const mastery = format === "scorm12" ? content.passMark : content.passMark / 100;
  assert.equal(Number(launch.mastery), mastery, "the manifest carries the pass mark");

  await playModule(session.frame, content, plan);
  const result = (await session.frame.getByTestId("quiz-result").textContent()) ?? "";
  const percent = Math.floor((plan.right / plan.total) * 100);
  assert.match(result, new RegExp(pass ? "^You passed" : "^Not passed yet"));
  assert.match(result, new RegExp(`You scored ${percent}% \\(${plan.right} of ${plan.total}`));
  assert.equal(await session.frame.getByTestId("quiz-retry").count(), pass ? 0 : 1);
  // In an LMS nobody sends Rapport's links: the end screen has the result and no platform links.
  assert.equal(await session.frame.getByTestId("next-steps").locator("a").count(), 0);

  const during = await cmiOf(session.page);
  await leaveSco(session.page);
  const final = await cmiOf(session.page);
  const log = await lmsLog(session.page);
  return { session, plan, during, final, log };
}

function assertClean(session: LmsSession, log: { rejected: unknown[]; initialized: boolean }) {
  assert.ok(log.initialized, "the SCO initialized the LMS's API");
  assert.deepEqual(log.rejected, [], "the LMS accepted every value the SCO set");
  assert.deepEqual(session.offsite, [], "no request left the LMS's origin");
  assert.deepEqual(session.problems, [], "no script, console or HTTP errors");
}

const near = (actual: unknown, expected: number, within: number, what: string) =>
  assert.ok(
    Math.abs(Number(actual) - expected) <= within,
    `${what}: ${String(actual)} is not ${expected}`,
  );

// What differs between the editions' interaction records; the checks themselves are shared.
const EDITION = {
  scorm2004: {
    types: TYPES_2004,
    wrongWord: "incorrect",
    response: "learner_response",
    latency: /^PT(\d+H)?(\d+M)?\d+(\.\d{1,2})?S$/,
  },
  scorm12: {
    types: TYPES_12,
    wrongWord: "wrong",
    response: "student_response",
    latency: /^\d{2,4}:\d\d:\d\d(\.\d{1,2})?$/,
  },
} as const;

function assertInteractions(cmi: Cmi, wrong: ReadonlySet<string>, edition: keyof typeof EDITION) {
  const rules = EDITION[edition];
  const recorded = Object.values(cmi.interactions);
  const expected = expectedInteractions(wrong);
  assert.equal(recorded.length, expected.length, "one interaction per graded question");
  assert.deepEqual(
    recorded.map((i) => i.id),
    expected.map((e) => e.id),
  );
  for (const [n, want] of expected.entries()) {
    const it = recorded[n] ?? assert.fail(`interaction ${n}`);
    const pattern = it.correct_responses["0"]?.pattern;
    assert.ok(rules.types.has(String(it.type)), `${want.id}: type ${it.type} is a ${edition} type`);
    assert.equal(it.type, want.type, `${want.id} type`);
    const result = want.correct === null ? "neutral" : want.correct ? "correct" : rules.wrongWord;
    assert.equal(it.result, result, `${want.id} result`);
    const response = (it as Record<string, unknown>)[rules.response];
    if (want.correct !== null) {
      assert.ok(pattern, `${want.id} has a correct-response pattern`);
      assert.equal(response === pattern, want.correct, `${want.id} response`);
    }
    assert.ok(String(response).length > 0, `${want.id} ${rules.response}`);
    assert.match(String(it.latency), rules.latency, `${want.id} latency`);
    if (edition === "scorm2004") {
      // RTE time(second,10,0): at most two decimals of a second, and a zone only after them.
      assert.match(String(it.timestamp), CMI_TIME, `${want.id} timestamp`);
      const description = String(it.description);
      assert.ok(description.length > 0 && description.length <= 250, `${want.id} description`);
    } else {
      assert.match(String(it.time), /^\d\d:\d\d:\d\d$/, `${want.id} time`);
    }
  }
}

describe(`the exported ${SLUG} package in a scorm-again LMS`, () => {
  it("SCORM 2004 4th Edition: played to a pass, the LMS holds completed, passed, the scaled score and the interactions", async () => {
    const { session, plan, during, final, log } = await playPackage("scorm2004", true);
    assert.equal(during.scaled_passing_score, session.launch.mastery, "mastery preloaded");
    assert.ok(log.reads.includes("cmi.scaled_passing_score"), "the SCO asked the LMS's pass mark");
    assert.equal(final.completion_status, "completed");
    assert.equal(final.success_status, "passed");
    const score = final.score as Record<string, string>;
    near(score.scaled, plan.right / plan.total, 0.00005, "cmi.score.scaled");
    near(score.raw, (plan.right / plan.total) * 100, 0.005, "cmi.score.raw");
    assert.equal(score.min, "0");
    assert.equal(score.max, "100");
    assert.ok(
      Number(score.scaled) >= Number(final.scaled_passing_score),
      "passed by the LMS's rule",
    );
    assert.equal(final.progress_measure, "1");
    assertInteractions(final, plan.wrong, "scorm2004");
    assert.equal(final.exit, "normal", "a finished module exits normally");
    assert.match(String(final.session_time), /^PT/);
    assertClean(session, log);
    await session.close();
  });

  it("SCORM 2004 4th Edition: a quiz below the pass mark leaves the learner completed but failed", async () => {
    const { session, plan, final, log } = await playPackage("scorm2004", false);
    assert.equal(final.completion_status, "completed");
    assert.equal(final.success_status, "failed");
    const score = final.score as Record<string, string>;
    near(score.scaled, plan.right / plan.total, 0.00005, "cmi.score.scaled");
    assert.ok(
      Number(score.scaled) < Number(final.scaled_passing_score),
      "failed by the LMS's rule",
    );
    assertInteractions(final, plan.wrong, "scorm2004");
    assert.equal(final.exit, "suspend", "a learner who has not passed can come back");
    assertClean(session, log);
    await session.close();
  });

  it("SCORM 1.2: played to a pass, the LMS holds lesson_status passed and the raw score", async () => {
    const { session, plan, during, final, log } = await playPackage("scorm12", true);
    const studentData = during.student_data as Record<string, unknown>;
    assert.equal(studentData.mastery_score, session.launch.mastery, "mastery preloaded");
    assert.ok(log.reads.includes("cmi.student_data.mastery_score"), "the SCO asked the pass mark");
    const core = final.core as Record<string, unknown> & { score: Record<string, string> };
    assert.equal(core.lesson_status, "passed");
    near(core.score.raw, (plan.right / plan.total) * 100, 0.005, "cmi.core.score.raw");
    assert.equal(core.score.min, "0");
    assert.equal(core.score.max, "100");
    assert.ok(Number(core.score.raw) >= Number(studentData.mastery_score), "passed by mastery");
    assertInteractions(final, plan.wrong, "scorm12");
    assert.deepEqual(
      log.reads.filter((element) => /^cmi\.interactions\.\d+\./.test(element)),
      [],
      "1.2 interactions are write-only",
    );
    assert.match(String(core.session_time), /^\d{2,4}:\d\d:\d\d/);
    assertClean(session, log);
    await session.close();
  });

  it("SCORM 1.2: a quiz below the pass mark leaves lesson_status failed", async () => {
    const { session, plan, final, log } = await playPackage("scorm12", false);
    const core = final.core as Record<string, unknown> & { score: Record<string, string> };
    assert.equal(core.lesson_status, "failed");
    near(core.score.raw, (plan.right / plan.total) * 100, 0.005, "cmi.core.score.raw");
    assert.ok(Number(core.score.raw) < content.passMark, "below the mastery score");
    assertInteractions(final, plan.wrong, "scorm12");
    assert.equal(core.exit, "suspend");
    assertClean(session, log);
    await session.close();
  });
});
