import assert from "node:assert/strict";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, FrameLocator, Locator, Page } from "playwright-core";
import type { ModuleContent } from "../../server/content/module-schema.ts";
import { renderBundle, type ScormTarget } from "../../server/scorm/render-bundle.ts";
import { decodeSuspend } from "../../server/scorm/suspend-codec.ts";
import { launchBrowser } from "../helpers/browser.ts";
import { fixtureModule } from "../scorm/sco-fixture.ts";

// Plays the rendered SCO bundle inside a minimal "LMS" page whose API is scorm-again, the same
// library Rapport's player uses, so a pass here means the package reports correctly to an LMS.

const SCORM_AGAIN_DIST = fileURLToPath(
  new URL("../../node_modules/scorm-again/dist/", import.meta.url),
);
// The CSP Rapport serves pages with: the bundle must run without inline script or style.
const BUNDLE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'self'";
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
};
const LETTERS = "abcdefghijklmnopqrstuvwxyz";

type Edition = "2004" | "12";
/** The bundle's document, whether framed by the host (a FrameLocator) or opened alone (a Page). */
type Scope = { getByTestId(id: string): Locator; locator(selector: string): Locator };
interface LmsLog {
  rejected: { element: string; value: string; code: string }[];
  interactionReads: string[];
  commits: number;
  terminated: boolean;
}
type Cmi = Record<string, unknown> & {
  interactions: Record<
    string,
    Record<string, unknown> & { correct_responses: Record<string, { pattern: string }> }
  >;
};

let browser: Browser;
let server: Server;
let baseUrl: string;
let root: string;
const content: ModuleContent = fixtureModule();

before(async () => {
  root = await mkdtemp(join(tmpdir(), "rapport-sco-"));
  for (const target of ["scorm2004", "scorm12", "any"] as ScormTarget[]) {
    for (const file of renderBundle(content, { version: 1, target })) {
      await mkdir(join(root, target), { recursive: true });
      await writeFile(join(root, target, file.path), file.data);
    }
  }
  server = createServer((req, res) => {
    serve(req.url ?? "/").then(
      ({ status, type, body, csp }) => {
        res.writeHead(status, {
          "content-type": type,
          ...(csp ? { "content-security-policy": csp } : {}),
        });
        res.end(body);
      },
      () => {
        res.writeHead(500).end();
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  if (root) await rm(root, { recursive: true, force: true });
});

async function serve(url: string) {
  const { pathname, searchParams } = new URL(url, "http://host");
  if (pathname === "/favicon.ico")
    return { status: 204, type: "image/x-icon", body: "", csp: null };
  if (pathname === "/host") {
    const edition = searchParams.get("edition") === "12" ? "12" : "2004";
    const html = hostPage(
      edition,
      searchParams.get("bundle") ?? "any",
      searchParams.get("preload"),
    );
    return { status: 200, type: TYPES[".html"] ?? "", body: html, csp: null };
  }
  if (pathname.startsWith("/scorm-again/")) {
    const name = pathname.slice("/scorm-again/".length);
    if (!/^scorm(2004|12)\.min\.js$/.test(name)) return notFound();
    return {
      status: 200,
      type: TYPES[".js"] ?? "",
      body: await readFile(join(SCORM_AGAIN_DIST, name)),
      csp: null,
    };
  }
  const path = normalize(join(root, pathname));
  if (!path.startsWith(root)) return notFound();
  try {
    const body = await readFile(path);
    return {
      status: 200,
      type: TYPES[extname(path)] ?? "application/octet-stream",
      body,
      csp: BUNDLE_CSP,
    };
  } catch {
    return notFound();
  }
}

function notFound() {
  return { status: 404, type: "text/plain", body: "not found", csp: null };
}

/**
 * The test LMS: scorm-again's browser build (it defines the global Scorm2004API / Scorm12API),
 * no server to commit to, and wrappers that log every rejected value and every forbidden read.
 */
function hostPage(edition: Edition, bundle: string, preload: string | null): string {
  const is2004 = edition === "2004";
  const script = `
(() => {
  const Api = ${is2004 ? "Scorm2004API" : "Scorm12API"};
  const api = new Api({ autocommit: false, lmsCommitUrl: false, logLevel: 5 });
  const preload = ${preload ? preload.replaceAll("<", "\\u003c") : "null"};
  if (preload) api.loadFromJSON(preload);
  const log = { rejected: [], interactionReads: [], commits: 0, terminated: false };
  const wrap = (name, after) => {
    const call = api[name].bind(api);
    api[name] = (...args) => { const result = call(...args); after(args, result); return result; };
  };
  wrap("${is2004 ? "SetValue" : "LMSSetValue"}", ([element, value], result) => {
    if (String(result) !== "true") log.rejected.push({ element, value, code: String(api.${is2004 ? "GetLastError" : "LMSGetLastError"}()) });
  });
  wrap("${is2004 ? "GetValue" : "LMSGetValue"}", ([element]) => {
    if (/^cmi\\.interactions\\.\\d+\\./.test(element)) log.interactionReads.push(element);
  });
  wrap("${is2004 ? "Commit" : "LMSCommit"}", () => { log.commits += 1; });
  wrap("${is2004 ? "Terminate" : "LMSFinish"}", () => { log.terminated = true; });
  window.lmsLog = log;
  window.lmsApi = api;
  window.${is2004 ? "API_1484_11" : "API"} = api;
})();`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Test LMS</title>
<script src="/scorm-again/${is2004 ? "scorm2004" : "scorm12"}.min.js"></script>
<script>${script}</script>
</head><body>
<iframe id="sco" title="Module" src="/${bundle}/index.html" style="width:100%;height:900px;border:0"></iframe>
</body></html>`;
}

/** A page in its own context, which axe needs to reach into frames. */
async function newPage(width: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  return page;
}

async function openInHost(edition: Edition, bundle: ScormTarget, preload?: unknown) {
  const page = await newPage(1280);
  const problems = watchForProblems(page);
  const query = new URLSearchParams({ edition, bundle });
  if (preload) query.set("preload", JSON.stringify(preload));
  await page.goto(`${baseUrl}/host?${query}`);
  const frame = page.frameLocator("#sco");
  await frame.getByTestId("page-title").waitFor();
  return { page, frame, problems };
}

/** Script errors and CSP violations anywhere on the page fail the test that caused them. */
function watchForProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  page.on("response", (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return problems;
}

const lmsLog = (page: Page) =>
  page.evaluate(() => (window as unknown as { lmsLog: LmsLog }).lmsLog);

const cmiOf = (page: Page) =>
  page.evaluate(
    () =>
      (
        window as unknown as { lmsApi: { renderCMIToJSONObject(): { cmi: Cmi } } }
      ).lmsApi.renderCMIToJSONObject().cmi,
  );

const title = (frame: FrameLocator) => frame.getByTestId("page-title").textContent();

async function next(frame: FrameLocator, expectedTitle: string) {
  await frame.getByTestId("next").click();
  assert.equal(await title(frame), expectedTitle);
}

/** Moves items up until they stand in the correct order ("a" first). */
async function sortOrdering(frame: Scope, questionId: string, count: number) {
  for (let target = 0; target < count; target++) {
    const letter = LETTERS[target] ?? "";
    const ids = await frame
      .locator(`[data-testid^="q-${questionId}-item-"]`)
      .evaluateAll((items) => items.map((item) => item.getAttribute("data-testid")));
    for (let at = ids.indexOf(`q-${questionId}-item-${letter}`); at > target; at--) {
      await frame.getByTestId(`q-${questionId}-up-${letter}`).click();
    }
  }
}

/** Steps through the quiz (one question per screen) to "Question n of …". */
async function toQuizStep(frame: Scope, n: number) {
  const step = frame.getByTestId("quiz-step");
  for (let guard = 0; guard < 10; guard++) {
    const at = Number(((await step.textContent()) ?? "").match(/Question (\d+)/)?.[1]);
    if (at === n) return;
    await frame.getByTestId(at < n ? "quiz-next" : "quiz-prev").click();
    await step.filter({ hasNotText: `Question ${at} ` }).waitFor();
  }
  assert.fail(`could not reach question ${n}`);
}

async function answerQuiz(frame: Scope, correctly: boolean) {
  await toQuizStep(frame, 1);
  await frame.getByTestId(correctly ? "q-q-single-b" : "q-q-single-a").check();
  await toQuizStep(frame, 2);
  await frame.getByTestId("q-q-multiple-a").check();
  if (correctly) await frame.getByTestId("q-q-multiple-c").check();
  await toQuizStep(frame, 3);
  await frame.getByTestId(correctly ? "q-q-tf-f" : "q-q-tf-t").check();
  await toQuizStep(frame, 4);
  // Left shuffled, the ordering question is wrong by construction.
  if (correctly) await sortOrdering(frame, "q-order", 4);
  await toQuizStep(frame, 5);
  for (const n of [1, 2, 3]) {
    const letter = correctly ? LETTERS[n - 1] : LETTERS[n % 3];
    await frame.getByTestId(`q-q-match-match-${n}`).selectOption(letter ?? "");
  }
  await toQuizStep(frame, 6);
  await frame.getByTestId(correctly ? "q-q-scenario-a" : "q-q-scenario-b").check();
  await toQuizStep(frame, 7);
  await frame.getByTestId("q-q-likert-follow-up-4").check();
  await frame.getByTestId("q-q-likert-share-news-3").check();
}

/** The lesson's checks show one at a time: Next question until `id` shows. */
async function toCheck(frame: Scope, id: string) {
  for (let guard = 0; guard < 5 && !(await frame.getByTestId(`q-${id}`).isVisible()); guard++) {
    await frame.getByTestId("check-next").click();
  }
}

async function answerChecks(frame: FrameLocator) {
  await frame.getByTestId("q-check-promises-a").check();
  await frame.getByTestId("check-check-promises").click();
  assert.match(
    (await frame.getByTestId("feedback-check-promises").textContent()) ?? "",
    /^Correct\./,
  );
}

async function playWholeModule(frame: FrameLocator, correctly: boolean, reflection: string) {
  assert.equal(await title(frame), "Small promises");
  await answerChecks(frame);
  await next(frame, "Repairing trust");
  await sortOrdering(frame, "check-repair-order", 3);
  await frame.getByTestId("check-check-repair-order").click();
  assert.match(
    (await frame.getByTestId("feedback-check-repair-order").textContent()) ?? "",
    /^Correct\./,
  );
  await toCheck(frame, "check-self");
  await frame.getByTestId("q-check-self-ask-3").check();
  await frame.getByTestId("q-check-self-admit-2").check();
  await frame.getByTestId("check-check-self").click();
  assert.match(
    (await frame.getByTestId("feedback-check-self").textContent()) ?? "",
    /Your profile: Strong/,
  );
  await next(frame, "Asking for help");
  await next(frame, "Reflections");
  for (const id of ["first-step", "repair-plan", "help"]) {
    await frame.getByTestId(`reflection-${id}`).fill(reflection);
  }
  await next(frame, "Final quiz");
  await answerQuiz(frame, correctly);
  await frame.getByTestId("quiz-submit").click();
  await frame.getByTestId("quiz-result").waitFor();
}

/** Navigating the frame away fires pagehide, where the bundle sets exit and terminates. */
async function leaveModule(page: Page) {
  await page.evaluate(() => {
    (document.getElementById("sco") as HTMLIFrameElement).src = "about:blank";
  });
  await page.waitForFunction(() => (window as unknown as { lmsLog: LmsLog }).lmsLog.terminated);
}

const byId = (cmi: Cmi) =>
  new Map(Object.values(cmi.interactions).map((i) => [String(i.id), i] as const));

describe("SCO bundle in a scorm-again host", () => {
  it("SCORM 2004: a learner who plays everything and passes is completed, passed and scored", async () => {
    const { page, frame, problems } = await openInHost("2004", "scorm2004");
    await playWholeModule(frame, true, "Keep the Friday report promise.");
    assert.match((await frame.getByTestId("quiz-result").textContent()) ?? "", /You passed/);
    assert.equal(await frame.getByTestId("quiz-retry").count(), 0);

    const cmi = await cmiOf(page);
    assert.equal(cmi.completion_status, "completed");
    assert.equal(cmi.success_status, "passed");
    assert.equal(cmi.progress_measure, "1");
    assert.deepEqual(cmi.score, { scaled: "1", raw: "100", min: "0", max: "100" });
    assert.equal(cmi.location, "quiz");
    const suspend = JSON.parse(String(cmi.suspend_data));
    assert.equal(suspend.l, "111");
    assert.equal(suspend.q.p, 1);
    assert.equal(suspend.r["first-step"], "Keep the Friday report promise.");

    const interactions = byId(cmi);
    // Checks: single, ordering, 2 likert statements. Quiz: 6 graded + 2 likert statements.
    assert.equal(Object.keys(cmi.interactions).length, 12);
    const expected: [string, string, string, string | null][] = [
      ["check-check-promises", "choice", "a", "a"],
      ["check-check-repair-order", "sequencing", "a[,]b[,]c", "a[,]b[,]c"],
      ["quiz-q-single", "choice", "b", "b"],
      ["quiz-q-multiple", "choice", "a[,]c", "a[,]c"],
      ["quiz-q-tf", "true-false", "false", "false"],
      ["quiz-q-order", "sequencing", "a[,]b[,]c[,]d", "a[,]b[,]c[,]d"],
      ["quiz-q-match", "matching", "1[.]a[,]2[.]b[,]3[.]c", "1[.]a[,]2[.]b[,]3[.]c"],
      ["quiz-q-scenario", "choice", "a", "a"],
      ["quiz-q-likert-follow-up", "likert", "4", null],
      ["check-check-self-ask", "likert", "3", null],
    ];
    for (const [id, type, response, pattern] of expected) {
      const it = interactions.get(id);
      assert.ok(it, `interaction ${id} recorded`);
      assert.equal(it.type, type, `${id} type`);
      assert.equal(it.learner_response, response, `${id} response`);
      assert.equal(it.result, pattern === null ? "neutral" : "correct", `${id} result`);
      assert.equal(it.correct_responses["0"]?.pattern, pattern ?? undefined, `${id} pattern`);
      assert.match(String(it.latency), /^PT(\d+H)?(\d+M)?\d+(\.\d{1,2})?S$/, `${id} latency`);
      assert.match(String(it.timestamp), /^\d{4}-\d\d-\d\dT/, `${id} timestamp`);
      assert.ok(String(it.description).length > 0, `${id} description`);
    }

    await leaveModule(page);
    const log = await lmsLog(page);
    assert.deepEqual(log.rejected, [], "the LMS accepted every value");
    assert.ok(log.commits >= 10, `committed after each step (${log.commits} commits)`);
    const final = await cmiOf(page);
    assert.equal(final.exit, "normal", "a finished module exits normally");
    assert.match(String(final.session_time), /^PT/);
    assert.deepEqual(problems, []);
    await page.context().close();
  });

  it("SCORM 1.2: passes in 1.2 formats, never reads interactions and keeps suspend data within 4,096", async () => {
    const { page, frame, problems } = await openInHost("12", "scorm12");
    const longReflection = "I will keep every small promise I make to my team. "
      .repeat(40)
      .slice(0, 2000);
    await playWholeModule(frame, true, longReflection);

    const cmi = await cmiOf(page);
    const core = cmi.core as Record<string, unknown> & { score: Record<string, string> };
    assert.equal(core.lesson_status, "passed");
    assert.deepEqual(core.score, { raw: "100", min: "0", max: "100" });
    assert.equal(core.lesson_location, "quiz");
    const suspend = String(cmi.suspend_data);
    const bytes = Buffer.byteLength(suspend, "utf8");
    assert.ok(bytes <= 4096, `suspend data is ${bytes} bytes`);
    assert.ok(suspend.length > 0 && suspend.length === bytes, "ASCII only");
    const saved = decodeSuspend(suspend);
    // Three repetitive 2,000-character reflections do not fit as text, but compressed they do.
    assert.ok(suspend.startsWith("Z:"), "compressed");
    assert.equal(saved?.r?.["first-step"], longReflection, "kept in full");
    assert.equal(saved?.t, undefined, "nothing shortened");
    assert.equal(saved?.l, "111");

    const interactions = byId(cmi);
    const expected: [string, string, string, string | null][] = [
      ["quiz-q-single", "choice", "b", "b"],
      ["quiz-q-multiple", "choice", "a,c", "a,c"],
      ["quiz-q-tf", "true-false", "f", "f"],
      ["quiz-q-order", "sequencing", "a,b,c,d", "a,b,c,d"],
      ["quiz-q-match", "matching", "1.a,2.b,3.c", "1.a,2.b,3.c"],
      ["quiz-q-likert-share-news", "likert", "3", null],
    ];
    for (const [id, type, response, pattern] of expected) {
      const it = interactions.get(id);
      assert.ok(it, `interaction ${id} recorded`);
      assert.equal(it.type, type, `${id} type`);
      assert.equal(it.student_response, response, `${id} response`);
      assert.equal(it.result, pattern === null ? "neutral" : "correct", `${id} result`);
      assert.equal(it.correct_responses["0"]?.pattern, pattern ?? undefined, `${id} pattern`);
      assert.match(String(it.latency), /^\d{2,4}:\d\d:\d\d(\.\d{1,2})?$/, `${id} latency`);
      assert.match(String(it.time), /^\d\d:\d\d:\d\d$/, `${id} time`);
      assert.match(String(it.id), /^[A-Za-z0-9_-]+$/, "a strict CMIIdentifier");
    }

    await leaveModule(page);
    const log = await lmsLog(page);
    assert.deepEqual(log.rejected, []);
    assert.deepEqual(log.interactionReads, [], "1.2 interactions are write-only");
    const final = await cmiOf(page);
    assert.match(String((final.core as Record<string, unknown>).session_time), /^\d+:\d\d:\d\d/);
    assert.deepEqual(problems, []);
    await page.context().close();
  });

  it("a learner who answers wrongly fails, can try again, and the retry is journaled", async () => {
    const { page, frame, problems } = await openInHost("2004", "any");
    for (const t of ["Repairing trust", "Asking for help", "Reflections", "Final quiz"]) {
      await next(frame, t);
    }
    // Submit sits on the last question; what is still unanswered sends the learner back.
    await toQuizStep(frame, 7);
    await frame.getByTestId("quiz-submit").click();
    assert.match(
      (await frame.getByTestId("quiz-message").textContent()) ?? "",
      /6 still need an answer/,
    );
    assert.equal(await frame.getByTestId("quiz-step").textContent(), "Question 1 of 7");
    await answerQuiz(frame, false);
    await frame.getByTestId("quiz-submit").click();
    const result = frame.getByTestId("quiz-result");
    assert.match((await result.textContent()) ?? "", /Not passed yet.*You scored 0%/s);
    await frame.getByTestId("quiz-review").click();
    assert.match((await frame.getByTestId("feedback-q-single").textContent()) ?? "", /Not quite/);
    await frame.getByTestId("review-done").click();

    let cmi = await cmiOf(page);
    assert.equal(cmi.success_status, "failed");
    assert.equal(cmi.completion_status, "completed");
    assert.equal((cmi.score as Record<string, string>).scaled, "0");
    const first = Object.values(cmi.interactions);
    assert.equal(first.length, 8);
    assert.ok(first.filter((i) => i.type !== "likert").every((i) => i.result === "incorrect"));
    assert.equal(byId(cmi).get("quiz-q-tf")?.learner_response, "true");
    assert.equal(byId(cmi).get("quiz-q-match")?.learner_response, "1[.]b[,]2[.]c[,]3[.]a");

    await frame.getByTestId("quiz-retry").click();
    assert.equal(await title(frame), "Final quiz");
    assert.equal(await frame.getByTestId("q-q-single-a").isChecked(), false, "the quiz is reset");
    await answerQuiz(frame, true);
    await frame.getByTestId("quiz-submit").click();
    assert.match((await frame.getByTestId("quiz-result").textContent()) ?? "", /You passed/);
    cmi = await cmiOf(page);
    assert.equal(cmi.success_status, "passed");
    assert.equal(Object.keys(cmi.interactions).length, 16);
    assert.equal(JSON.parse(String(cmi.suspend_data)).q.n, 2);
    assert.deepEqual((await lmsLog(page)).rejected, []);
    assert.deepEqual(problems, []);
    await page.context().close();
  });

  it("resumes where the learner left off, with earlier answers and reflections kept", async () => {
    const first = await openInHost("2004", "any");
    await answerChecks(first.frame);
    await next(first.frame, "Repairing trust");
    await first.frame.getByTestId("nav-reflections").click();
    await first.frame.getByTestId("reflection-first-step").fill("Call Sam on Monday.");
    await first.frame.getByTestId("nav-quiz").click();
    await first.frame.getByTestId("q-q-single-b").check();
    await toQuizStep(first.frame, 3);
    await first.frame.getByTestId("q-q-tf-f").check();
    await first.frame.getByTestId("nav-lesson-repair").click();
    await leaveModule(first.page);
    const saved = await cmiOf(first.page);
    assert.equal(saved.exit, "suspend");
    assert.equal(saved.location, "lesson/repair");
    await first.page.context().close();

    const preload = {
      cmi: {
        entry: "resume",
        location: saved.location,
        suspend_data: saved.suspend_data,
        completion_status: saved.completion_status,
      },
    };
    const { page, frame, problems } = await openInHost("2004", "any", preload);
    assert.equal(await title(frame), "Repairing trust");
    assert.equal(await frame.getByTestId("progress").getAttribute("aria-valuenow"), "2");
    assert.equal(await frame.getByTestId("prev").count(), 1);
    await frame.getByTestId("prev").click();
    assert.equal(await frame.getByTestId("q-check-promises-a").isChecked(), true);
    assert.match(
      (await frame.getByTestId("feedback-check-promises").textContent()) ?? "",
      /Correct/,
    );
    await frame.getByTestId("nav-reflections").click();
    assert.equal(
      await frame.getByTestId("reflection-first-step").inputValue(),
      "Call Sam on Monday.",
    );
    await frame.getByTestId("nav-quiz").click();
    assert.equal(await frame.getByTestId("q-q-single-b").isChecked(), true);
    await toQuizStep(frame, 3);
    assert.equal(await frame.getByTestId("q-q-tf-f").isChecked(), true);
    assert.equal(await frame.getByTestId("quiz-result").count(), 0, "the quiz is still open");
    const entry = await page
      .frame({ url: /index\.html$/ })
      ?.evaluate(() => (window as unknown as { RapportSco: { entry: string } }).RapportSco.entry);
    assert.equal(entry, "resume");
    assert.deepEqual((await lmsLog(page)).rejected, []);
    assert.deepEqual(problems, []);
    await page.context().close();
  });

  it("without an API it runs as a preview, and its pages pass axe at 1280 and 320 px", async () => {
    for (const width of [1280, 320]) {
      const page = await newPage(width);
      const problems = watchForProblems(page);
      await page.goto(`${baseUrl}/any/index.html`);
      const notice = page.getByTestId("preview-notice");
      assert.equal(await notice.textContent(), "Preview: progress is not being saved");
      assert.equal(await notice.isVisible(), true);

      await page.getByTestId("q-check-promises-b").check();
      await page.getByTestId("check-check-promises").click();
      assert.match(
        (await page.getByTestId("feedback-check-promises").textContent()) ?? "",
        /Not quite/,
      );
      await assertAccessible(page, `lesson page at ${width}px`);

      if (width === 320) await page.getByText("Contents").click();
      await page.getByTestId("nav-quiz").click();
      assert.equal(
        await page.evaluate(() => document.activeElement?.tagName),
        "H1",
        "focus moves to the heading",
      );
      await assertAccessible(page, `quiz page at ${width}px`);
      await toQuizStep(page, 4);
      // Moving an ordering item by keyboard keeps focus on that item's buttons.
      const firstItem = page.locator('[data-testid^="q-q-order-item-"]').first();
      const letter = (await firstItem.getAttribute("data-testid"))?.slice(-1) ?? "";
      await page.getByTestId(`q-q-order-down-${letter}`).press("Enter");
      assert.equal(
        await page.evaluate(() => document.activeElement?.getAttribute("data-letter")),
        letter,
      );
      assert.equal(
        await page.locator('[data-testid^="q-q-order-item-"]').nth(1).getAttribute("data-testid"),
        `q-q-order-item-${letter}`,
      );
      await answerQuiz(page, false);
      await page.getByTestId("quiz-submit").click();
      await page.getByTestId("quiz-result").waitFor();
      await assertAccessible(page, `quiz results at ${width}px`);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      assert.ok(overflow <= 0, `no sideways scrolling at ${width}px (${overflow}px)`);
      assert.deepEqual(problems, []);
      await page.context().close();
    }
  });
});

async function assertAccessible(page: Page, where: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  assert.deepEqual(
    serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    [],
    `no serious or critical axe violations on the ${where}`,
  );
}
