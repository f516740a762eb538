import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Page } from "playwright-core";
import type { ModuleContent } from "../../server/content/module-schema.ts";
import type { PackageFormat } from "../../server/scorm/export-package.ts";
import { decodeSuspend } from "../../server/scorm/suspend-codec.ts";
import {
  answerQuestion,
  type Cmi,
  type LmsFault,
  type LmsSession,
  launchInLms,
  leaveSco,
  lmsLog,
  playModule,
  setLmsFault,
} from "../helpers/lms-host.ts";
import {
  type PackagesInLms,
  packagesInLms,
  starterModule,
} from "../helpers/starter-packages-in-lms.ts";

// Issue #12: an LMS that refuses a Commit or a SetValue used to be ignored, so a learner could
// finish a module of which the LMS had stored nothing. Here the LMS double (scorm-again with a
// switch) refuses for a while: the learner must see the notice, the SCO must retry on its own,
// and once the LMS takes commits again, what it stores must be what the learner did meanwhile.

const SLUG = "trust";
const NOTICE = /^Your progress is not being saved by the learning system: /;
const FORMATS: PackageFormat[] = ["scorm2004", "scorm12"];
// The errors each standard defines for these failures.
const COMMIT_FAULT: Record<PackageFormat, LmsFault> = {
  scorm2004: { code: "391", message: "General Commit Failure" },
  scorm12: { code: "101", message: "General Exception" },
};
const SET_FAULT: LmsFault = { code: "405", message: "Incorrect Data Type" };

let lms: PackagesInLms;
let content: ModuleContent;

before(async () => {
  content = starterModule(SLUG);
  lms = await packagesInLms(content, FORMATS);
});

after(async () => {
  await lms?.close();
});

const scoState = (page: Page) =>
  page.frame({ url: /index\.html$/ })?.evaluate(() => {
    const sco = (window as unknown as { RapportSco: { state: unknown } }).RapportSco;
    return sco.state as {
      viewed: boolean[];
      answers: Record<string, string>;
      reflections: Record<string, string>;
    };
  });

/** While the LMS refuses: a knowledge check, the next lesson, a reflection. */
async function learnWhileRefused(session: LmsSession) {
  const { frame } = session;
  const [first, second] = content.lessons;
  const check = first?.checks[0];
  assert.ok(first && second && check, "the module has two lessons and a check");
  await answerQuestion(frame, check, true);
  await frame.getByTestId(`check-${check.id}`).click();
  await frame.getByTestId("next").click();
  const reflection = content.reflections?.[0];
  assert.ok(reflection);
  await frame.getByTestId("nav-reflections").click();
  await frame.getByTestId(`reflection-${reflection.id}`).fill("Tell Sam early, always.");
  await frame.getByTestId(`nav-lesson-${second.id}`).click();
  return { check, second, reflection };
}

/** The notice is up and stays up while the SCO retries on its own (at least twice). */
async function seeNoticeAndRetries(session: LmsSession, fault: LmsFault, count: RetryCount) {
  const notice = session.frame.getByTestId("save-notice");
  await notice.waitFor({ state: "visible" });
  assert.match((await notice.textContent()) ?? "", NOTICE);
  assert.match(
    (await notice.textContent()) ?? "",
    new RegExp(`${fault.message} \\(error ${fault.code}\\)`),
  );
  assert.equal(await notice.getAttribute("role"), "alert");
  const before = await count(session.page);
  await session.page.waitForFunction(
    ([kind, at]) => {
      const log = (
        window as unknown as { lmsLog: { failedCommits: number; calls: { result: string }[] } }
      ).lmsLog;
      const n =
        kind === "commits"
          ? log.failedCommits
          : log.calls.filter((c) => c.result === "false").length;
      return n >= at + 2;
    },
    [count.kind, before] as const,
    { timeout: 15_000 },
  );
  assert.equal(await notice.isVisible(), true, "still told while it keeps failing");
}

type RetryCount = ((page: Page) => Promise<number>) & { kind: "commits" | "refusals" };
const failedCommits: RetryCount = Object.assign(
  async (page: Page) => (await lmsLog(page)).failedCommits,
  { kind: "commits" as const },
);
const refusals: RetryCount = Object.assign(
  async (page: Page) => (await lmsLog(page)).calls.filter((c) => c.result === "false").length,
  { kind: "refusals" as const },
);

/** What the LMS stored after recovering equals what the learner did while it refused. */
async function assertStoredIsWhatTheLearnerDid(
  session: LmsSession,
  format: PackageFormat,
  did: Awaited<ReturnType<typeof learnWhileRefused>>,
) {
  const log = await lmsLog(session.page);
  const stored = log.stored as Cmi;
  assert.ok(stored, "the LMS stored a commit");
  const state = await scoState(session.page);
  const suspend = decodeSuspend(String(stored.suspend_data));
  assert.deepEqual(suspend?.l, state?.viewed.map((v) => (v ? "1" : "0")).join(""));
  assert.equal(suspend?.l.slice(0, 2), "11", "both lessons viewed");
  assert.deepEqual(suspend?.a, state?.answers);
  assert.ok(suspend?.a[did.check.id], "the check's answer");
  assert.equal(suspend?.r?.[did.reflection.id], "Tell Sam early, always.");
  const location =
    format === "scorm12"
      ? (stored.core as Record<string, unknown>).lesson_location
      : stored.location;
  assert.equal(location, `lesson/${did.second.id}`);
  const interaction = Object.values(stored.interactions).find(
    (i) => i.id === `check-${did.check.id}`,
  );
  assert.ok(interaction, "the check's interaction");
  assert.equal(interaction.result, "correct");
  assert.deepEqual(log.rejected, [], "nothing else refused");
  assert.deepEqual(session.problems, []);
}

describe("an LMS that refuses to save", () => {
  for (const format of FORMATS) {
    it(`Commit answers "false" (${format}): the learner is told, commits are retried, and after recovery the LMS stores what the learner did`, async () => {
      const session = await launchInLms(lms.browser, lms.host, format);
      const fault = COMMIT_FAULT[format];
      await setLmsFault(session.page, "commit", fault);
      const did = await learnWhileRefused(session);
      await seeNoticeAndRetries(session, fault, failedCommits);
      const during = (await lmsLog(session.page)).stored;
      assert.notEqual(decodeSuspend(String(during?.suspend_data ?? ""))?.l.slice(0, 2), "11");
      // The learner's work stays in the page meanwhile.
      const kept = await scoState(session.page);
      assert.equal(kept?.reflections[did.reflection.id], "Tell Sam early, always.");
      assert.equal(await session.frame.getByTestId("page-title").textContent(), did.second.title);

      await setLmsFault(session.page, "commit", null);
      await session.frame.getByTestId("save-notice").waitFor({ state: "hidden", timeout: 20_000 });
      await assertStoredIsWhatTheLearnerDid(session, format, did);
      await session.close();
    });
  }

  it('SetValue answers "false" with error 405 (scorm12): refused values are set again and stored once it recovers', async () => {
    const session = await launchInLms(lms.browser, lms.host, "scorm12");
    await setLmsFault(session.page, "set", SET_FAULT);
    const did = await learnWhileRefused(session);
    await seeNoticeAndRetries(session, SET_FAULT, refusals);
    const during = (await lmsLog(session.page)).stored;
    assert.equal(
      Object.values(during?.interactions ?? {}).length,
      0,
      "the LMS holds none of it yet",
    );

    await setLmsFault(session.page, "set", null);
    await session.frame.getByTestId("save-notice").waitFor({ state: "hidden", timeout: 20_000 });
    await assertStoredIsWhatTheLearnerDid(session, "scorm12", did);
    await session.close();
  });

  it("an element the LMS does not keep at all (SCORM 1.2 interactions, error 401) is let go without alarming the learner", async () => {
    const session = await launchInLms(lms.browser, lms.host, "scorm12");
    await setLmsFault(session.page, "set", {
      code: "401",
      message: "Not implemented error",
      match: "^cmi\\.interactions\\.",
    });
    const did = await learnWhileRefused(session);
    const log = await lmsLog(session.page);
    assert.ok(
      log.calls.some((c) => c.result === "false" && c.element?.startsWith("cmi.interactions.")),
      "the LMS refused the interactions",
    );
    assert.equal(await session.frame.getByTestId("save-notice").isVisible(), false);
    const retried = log.calls.filter((c) => c.element === `cmi.interactions.0.id`).length;
    assert.equal(retried, 1, "not set again");
    const suspend = decodeSuspend(String(log.stored?.suspend_data));
    assert.ok(suspend?.a[did.check.id], "the learner's progress is stored");
    assert.deepEqual(session.problems, []);
    await session.close();
  });

  it("the finish button terminates once: after a refused commit goes through, and never again on leaving", async () => {
    const session = await launchInLms(lms.browser, lms.host, "scorm2004");
    await playModule(session.frame, content, { wrong: new Set(), reflection: "Done." });
    await setLmsFault(session.page, "commit", COMMIT_FAULT.scorm2004);
    await session.frame.getByTestId("finish").click();
    await session.frame.getByTestId("save-notice").waitFor({ state: "visible" });
    assert.equal((await lmsLog(session.page)).terminations, 0, "not while the commit fails");

    await setLmsFault(session.page, "commit", null);
    await session.page.waitForFunction(
      () => (window as unknown as { lmsLog: { terminations: number } }).lmsLog.terminations > 0,
      undefined,
      { timeout: 20_000 },
    );
    await session.frame
      .getByTestId("finish-status")
      .getByText("Your progress is saved. You can close this module now.")
      .waitFor();
    await leaveSco(session.page);
    const log = await lmsLog(session.page);
    assert.equal(log.terminations, 1, "Terminate once");
    assert.equal(log.calls.at(-1)?.method, "terminate", "nothing is sent after Terminate");
    const stored = log.stored as Cmi;
    assert.equal(stored.completion_status, "completed");
    assert.equal(stored.success_status, "passed");
    assert.equal(stored.exit, "normal");
    assert.deepEqual(session.problems, []);
    await session.close();
  });

  it("a finish waiting for the LMS ends with the first commit that goes through, even an ordinary one made while it waits", async () => {
    const session = await launchInLms(lms.browser, lms.host, "scorm2004");
    const { frame, page } = session;
    await playModule(frame, content, { wrong: new Set(), reflection: "Done." });
    // Timers stand still from here, so no retry runs: the commit that goes through is an
    // ordinary one.
    await page.clock.install();
    await setLmsFault(page, "commit", COMMIT_FAULT.scorm2004);
    await frame.getByTestId("finish").click();
    await frame.getByTestId("save-notice").waitFor({ state: "visible" });
    const status = frame.getByTestId("finish-status");
    assert.match((await status.textContent()) ?? "", /^Finishing as soon as/);

    // The learner switches to another tab and the SCO commits, as it does whenever it is hidden;
    // the finish screen stays as it is.
    await setLmsFault(page, "commit", null);
    const sco = page.frame({ url: /index\.html$/ });
    assert.ok(sco);
    await sco.evaluate(() => {
      Object.defineProperty(document, "visibilityState", { value: "hidden", configurable: true });
      document.dispatchEvent(new Event("visibilitychange"));
    });
    const log = await lmsLog(page);
    assert.equal(log.failedCommits, 1, "no retry ran");
    assert.equal(log.terminations, 1, "terminated after that commit");
    assert.deepEqual(
      log.calls.slice(-2).map((c) => `${c.method} ${c.result}`),
      ["commit true", "terminate true"],
    );
    await page.clock.runFor(1000);
    await status.getByText("Your progress is saved. You can close this module now.").waitFor();
    await leaveSco(page);
    assert.equal((await lmsLog(page)).terminations, 1, "Terminate once");
    assert.deepEqual(session.problems, []);
    await session.close();
  });

  it("leaving the page terminates once, even while commits are refused", async () => {
    const session = await launchInLms(lms.browser, lms.host, "scorm12");
    await session.frame.getByTestId("next").click();
    await setLmsFault(session.page, "commit", COMMIT_FAULT.scorm12);
    await session.frame.getByTestId("next").click();
    await leaveSco(session.page);
    const log = await lmsLog(session.page);
    assert.equal(log.terminations, 1);
    assert.equal(log.calls.filter((c) => c.method === "terminate").length, 1);
    await session.close();
  });
});
