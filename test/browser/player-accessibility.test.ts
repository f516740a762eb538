import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import type { ModuleContent } from "../../server/content/module-schema.ts";
import { analyzeWithFrame } from "../helpers/axe-in-frames.ts";
import { launchBrowser } from "../helpers/browser.ts";
import {
  answerCheck,
  createLearner,
  openFromCatalog,
  openScoPage,
  pageTitle,
  publishedContent,
  scoFrame,
  signIn,
  takeQuiz,
  waitUntilSaved,
} from "../helpers/player-driver.ts";
import { startTestApp } from "../helpers/test-app.ts";

// axe finds no serious or critical problem on the learner's pages, on a desk and on a phone:
// catalog, dashboard, module page, and the player with the SCO bundle's lesson, quiz and result
// (axe analyses the bundle inside the player's iframe).

let app: Awaited<ReturnType<typeof startTestApp>>;
let browser: Browser;
let trust: ModuleContent;

before(async () => {
  app = await startTestApp(import.meta.url);
  [trust, browser] = await Promise.all([publishedContent("trust"), launchBrowser()]);
});
after(async () => {
  await browser?.close();
  await app?.stop();
});

async function assertAccessible(page: Page, where: string, framed = false) {
  const { violations } = framed
    ? await analyzeWithFrame(page, where)
    : await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  assert.deepEqual(
    serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    [],
    `no serious or critical axe violations on ${where}`,
  );
}

/** Nothing makes the page (or the framed bundle) scroll sideways. */
async function assertNoSidewaysScroll(page: Page, where: string) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  assert.ok(overflow <= 0, `no sideways scrolling on ${where} (${overflow}px)`);
}

for (const width of [1280, 320]) {
  test(`learner pages and the player pass axe at ${width} px`, async () => {
    const email = `axe${width}@example.com`;
    await createLearner(email);
    const context = await browser.newContext({ viewport: { width, height: 800 } });
    const page = await context.newPage();
    await signIn(page, app.baseUrl, email);

    await page.goto(`${app.baseUrl}/catalog`);
    await assertAccessible(page, `/catalog at ${width}px`);
    await assertNoSidewaysScroll(page, `/catalog at ${width}px`);

    await openFromCatalog(page, app.baseUrl, trust.title, "Start");
    const frame = scoFrame(page);
    const lesson = trust.lessons[0];
    assert.ok(lesson);
    assert.equal(await pageTitle(page), lesson.title);
    // A lesson with feedback showing: one check right, one wrong.
    const [first, second] = lesson.checks;
    assert.ok(first && second);
    await answerCheck(frame, first, true);
    await answerCheck(frame, second, false);
    await waitUntilSaved(page);
    await assertAccessible(page, `the player's lesson page at ${width}px`, true);
    await assertNoSidewaysScroll(page, `the player at ${width}px`);

    await openScoPage(page, "quiz");
    assert.equal(await pageTitle(page), "Final quiz");
    await assertAccessible(page, `the player's quiz page at ${width}px`, true);
    await takeQuiz(page, trust, new Set(trust.quiz.map((q) => q.id)));
    await frame.getByTestId("quiz-retry").waitFor();
    await assertAccessible(page, `the player's quiz result at ${width}px`, true);

    await page.goto(`${app.baseUrl}/modules/trust`);
    await assertAccessible(page, `/modules/trust at ${width}px`);
    await page.goto(`${app.baseUrl}/dashboard`);
    await page.locator('[data-slug="trust"] .status').waitFor();
    await assertAccessible(page, `/dashboard at ${width}px`);
    await assertNoSidewaysScroll(page, `/dashboard at ${width}px`);
    await context.close();
  });
}
