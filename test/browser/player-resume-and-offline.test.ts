import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { ModuleContent, Question } from "../../server/content/module-schema.ts";
import { launchBrowser } from "../helpers/browser.ts";
import {
  answerCheck,
  attemptIdOf,
  createLearner,
  eventually,
  feedbackOf,
  next,
  openFromCatalog,
  pageTitle,
  pendingSnapshot,
  publishedContent,
  readAttempt,
  saveStatus,
  scoFrame,
  showQuestion,
  signIn,
  waitUntilSaved,
} from "../helpers/player-driver.ts";
import { type RestartableApp, startRestartableApp } from "../helpers/player-restartable-app.ts";

// Progress survives what learners actually do to it: closing the tab half-way, and losing the
// server for a while. The HTTP server is really stopped (connections refused) and started again
// on the same port, with the same database and sessions.

let app: RestartableApp;
let browser: Browser;
let trust: ModuleContent;

before(async () => {
  app = await startRestartableApp(import.meta.url);
  [trust, browser] = await Promise.all([publishedContent("trust"), launchBrowser()]);
});
after(async () => {
  await browser?.close();
  await app?.stop();
});

async function newContext(serviceWorkers: "allow" | "block" = "allow"): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers });
}

function check(lessonIndex: number, checkIndex: number): Question {
  const q = trust.lessons[lessonIndex]?.checks[checkIndex];
  assert.ok(q, `lesson ${lessonIndex + 1} has check ${checkIndex + 1}`);
  return q;
}

const lessonKey = (index: number) => `lesson/${trust.lessons[index]?.id}`;
const suspended = (suspendData: string | null | undefined) =>
  JSON.parse(suspendData || "{}") as { l?: string; a?: Record<string, string> };

// Lesson 3's checks as the learner answered them: not-knowing right (option a), good-news-only
// wrongly ("true").
const lessonThreeAnswers = [
  { id: "not-knowing", chosen: "q-not-knowing-a", feedback: /^Correct\./ },
  { id: "good-news-only", chosen: "q-good-news-only-t", feedback: /^Not quite\./ },
];

/**
 * The same learner's view of the module, after coming back: lesson 3 with both answers, on the
 * check they left (shownCheck, from 1). Going through both checks leaves it on the other one.
 */
async function assertBackOnLessonThree(page: Page, where: string, shownCheck: 1 | 2) {
  const frame = scoFrame(page);
  const honest = trust.lessons[2];
  assert.ok(honest);
  assert.equal(await pageTitle(page), honest.title, `${where}: resumes at lesson 3`);
  const sco = await page.frame({ url: /\/bundles\// })?.evaluate(() => {
    const { entry, state } = (
      window as unknown as { RapportSco: { entry: string; state: { viewed: boolean[] } } }
    ).RapportSco;
    return { entry, viewed: state.viewed.filter(Boolean).length };
  });
  assert.equal(sco?.entry, "resume", `${where}: the SCO is told it resumes`);
  assert.equal(sco?.viewed, 3, `${where}: three lessons counted as viewed`);
  // The checks show one at a time, opening on the one the learner left.
  const step = frame.getByTestId("check-step");
  await step.waitFor();
  assert.equal(await step.textContent(), `Question ${shownCheck} of 2`, `${where}: the check left`);
  const order = shownCheck === 1 ? lessonThreeAnswers : [...lessonThreeAnswers].reverse();
  for (const answer of order) {
    await showQuestion(frame, "check", answer.id);
    assert.equal(await frame.getByTestId(answer.chosen).isChecked(), true, where);
    assert.match((await feedbackOf(frame, answer.id).textContent()) ?? "", answer.feedback);
  }
}

test("closing the tab after lesson 3 and coming back resumes there with the answers kept", async () => {
  const email = "cleo@example.com";
  await createLearner(email);
  const context = await newContext();
  let page = await context.newPage();
  await signIn(page, app.baseUrl, email);
  const attemptId = await openFromCatalog(page, app.baseUrl, trust.title, "Start");
  await next(page);
  assert.equal(await next(page), trust.lessons[2]?.title);
  await answerCheck(scoFrame(page), check(2, 0), true);
  await answerCheck(scoFrame(page), check(2, 1), false);
  // The tab goes away at once: no waiting for the save to finish.
  await page.close({ runBeforeUnload: true });

  const attempt = await eventually(
    "the attempt holds lesson 3 and both answers",
    () => readAttempt(attemptId),
    (a) =>
      a?.location === `${lessonKey(2)}:q2` &&
      suspended(a.suspendData).a?.["not-knowing"] === "a" &&
      suspended(a.suspendData).a?.["good-news-only"] === "t",
  );
  assert.equal(suspended(attempt?.suspendData).l, "11100");
  assert.deepEqual(
    attempt?.interactions.map((i) => [i.id, i.result]),
    [
      ["check-not-knowing", "correct"],
      ["check-good-news-only", "incorrect"],
    ],
  );

  // Back in the same browser: a new tab, the module page offers Resume.
  page = await context.newPage();
  await page.goto(`${app.baseUrl}/dashboard`);
  assert.match(
    (await page.locator('[data-slug="trust"] .status').textContent()) ?? "",
    /In progress/,
  );
  assert.equal(await openFromCatalog(page, app.baseUrl, trust.title, "Resume"), attemptId);
  await assertBackOnLessonThree(page, "same browser", 2);
  // Now on the first check, which the other device must open on: the server has to know it.
  await waitUntilSaved(page);
  await context.close();

  // And on another device, where nothing is kept locally: it all comes from the server.
  const other = await (await newContext()).newPage();
  await signIn(other, app.baseUrl, email);
  assert.equal(await openFromCatalog(other, app.baseUrl, trust.title, "Resume"), attemptId);
  await assertBackOnLessonThree(other, "another device", 1);
  await other.context().close();
});

test("answers given while the server is down reach the database when it returns, even across a reload", async (t) => {
  const email = "omar@example.com";
  await createLearner(email);
  // Without the service worker (a browser that has none, or a first visit before it is ready),
  // a reload while the server is down fails; the answers still survive it on the device. With
  // the worker, see offline-app-installs-and-keeps-answers.test.ts.
  const page = await (await newContext("block")).newPage();
  await signIn(page, app.baseUrl, email);
  const attemptId = await openFromCatalog(page, app.baseUrl, trust.title, "Start");
  const playerUrl = page.url();
  await waitUntilSaved(page);
  const before = await readAttempt(attemptId);
  assert.equal(before?.location, lessonKey(0));

  // 1. The server goes away; the learner keeps going.
  await app.pause();
  try {
    await answerCheck(scoFrame(page), check(0, 0), true);
    assert.equal(await next(page), trust.lessons[1]?.title);
    await page.locator('#save-status[data-state="offline"]').waitFor({ timeout: 5_000 });
    assert.match((await saveStatus(page)).text, /^Can't reach Rapport\. Your answers are kept/);
    const pending = await pendingSnapshot(page);
    assert.ok(pending && pending.seq > (before?.seq ?? 0), "a newer snapshot waits on the device");
    assert.equal(pending.cmi.location, lessonKey(1));
    const stored = await readAttempt(attemptId);
    assert.equal(stored?.seq, before?.seq, "nothing reached the database meanwhile");
  } finally {
    await app.resume();
  }

  const returned = Date.now();
  const delivered = await eventually(
    "the answer given offline is stored once the server is back",
    () => readAttempt(attemptId),
    (a) =>
      a?.location === lessonKey(1) &&
      suspended(a.suspendData).a?.["trust-slip"] === "c" &&
      a.interactions.some((i) => i.id === "check-trust-slip" && i.result === "correct"),
    10_000,
  );
  assert.equal(suspended(delivered?.suspendData).l, "11000");
  await waitUntilSaved(page);
  const catchUpMs = Date.now() - returned;

  // 2. Down again: an answer, then a reload that cannot even load the page.
  await app.pause();
  try {
    await answerCheck(scoFrame(page), check(1, 0), true);
    await page.locator('#save-status[data-state="offline"]').waitFor({ timeout: 5_000 });
    const pending = await pendingSnapshot(page);
    assert.equal(suspended(String(pending?.cmi.suspend_data)).a?.["promise-risk"], "b");
    await assert.rejects(page.reload(), /ERR_CONNECTION_REFUSED/);
    // Chromium shows its own error page; the player (and its retry timer) is gone.
    await page.waitForURL((url) => url.protocol === "chrome-error:");
    await page.waitForLoadState();
  } finally {
    await app.resume();
  }
  const stillOld = await readAttempt(attemptId);
  assert.equal(suspended(stillOld?.suspendData).a?.["promise-risk"], undefined);

  // The page loads again from the server's older state, resumes from the newer snapshot kept on
  // the device, and sends it.
  await page.goto(playerUrl);
  assert.equal(attemptIdOf(page), attemptId);
  assert.equal(await pageTitle(page), trust.lessons[1]?.title);
  assert.equal(await scoFrame(page).getByTestId("q-promise-risk-b").isChecked(), true);
  const resent = await eventually(
    "the snapshot kept across the reload is stored",
    () => readAttempt(attemptId),
    (a) => suspended(a?.suspendData).a?.["promise-risk"] === "b",
  );
  assert.deepEqual(
    resent?.interactions.map((i) => [i.id, i.result]),
    [
      ["check-trust-slip", "correct"],
      ["check-promise-risk", "correct"],
    ],
  );
  await waitUntilSaved(page);
  t.diagnostic(`the open page caught up ${catchUpMs} ms after the server returned`);
  await page.context().close();
});
