import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import type { ModuleContent } from "../../server/content/module-schema.ts";
import { launchBrowser } from "../helpers/browser.ts";
import { publishedContent, signIn } from "../helpers/player-driver.ts";
import { gradedQuiz, learnerWithDueCards } from "../helpers/review.ts";
import { startTestApp } from "../helpers/test-app.ts";

// axe finds no violation at all on the review (a question, its feedback, the summary) and on the
// settings page, on a phone and a desk; and a whole review is done with the keyboard alone.

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

async function assertNoViolations(page: Page, where: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  assert.deepEqual(
    violations.map(
      (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
    ),
    [],
    `no axe violations on ${where}`,
  );
}

for (const width of [320, 1280]) {
  // Every screen on a phone; on a desk, the question and settings pages (the same markup).
  const everyScreen = width === 320;
  test(`/review and the settings page have no axe violations at ${width} px`, async () => {
    const email = `axe${width}@example.com`;
    await learnerWithDueCards(email, 2, trust);
    const context = await browser.newContext({ viewport: { width, height: 800 } });
    const page = await context.newPage();
    await signIn(page, app.baseUrl, email);
    await page.goto(`${app.baseUrl}/review`);
    await assertNoViolations(page, `a review question at ${width}px`);
    if (!everyScreen) {
      await page.goto(`${app.baseUrl}/account/settings`);
      await assertNoViolations(page, `the settings page at ${width}px`);
      await context.close();
      return;
    }
    // An incomplete answer: the error is shown and announced.
    await page.getByTestId("review-submit").click();
    await page.waitForSelector(".error-summary");
    await assertNoViolations(page, `a review question with an error at ${width}px`);
    for (let i = 0; i < 2; i++) {
      await page.locator(".sco-question input, .sco-question select").first().waitFor();
      const radio = page.locator(
        '.sco-question input[type="radio"], .sco-question input[type="checkbox"]',
      );
      if (await radio.count()) await radio.first().check();
      else
        for (const select of await page.locator(".sco-question select").all())
          await select.selectOption({ index: 1 });
      await page.getByTestId("review-submit").click();
      await page.waitForURL(/\/review\/answered\//);
      await assertNoViolations(page, `a review answer's feedback at ${width}px`);
      await page.getByTestId("review-next").click();
    }
    await page.waitForSelector("[data-testid=review-score]");
    await assertNoViolations(page, `the review summary at ${width}px`);
    await page.goto(`${app.baseUrl}/account/settings`);
    await assertNoViolations(page, `the settings page at ${width}px`);
    await page.goto(`${app.baseUrl}/dashboard`);
    await assertNoViolations(page, `the dashboard with its review panel at ${width}px`);
    await context.close();
  });
}

const LETTERS = "abcdefgh";

/** Answers the question on screen by keys only: arrows and space in groups, Tab, Enter. */
async function answerWithKeys(page: Page, right: boolean) {
  const id = (await page.locator(".sco-question").getAttribute("data-testid"))?.replace(/^q-/, "");
  const q = gradedQuiz(trust).find((x) => x.id === id);
  assert.ok(q, `a trust quiz question is shown (${id})`);
  // The first control has focus when the page opens.
  await page.waitForFunction(() => document.activeElement?.closest(".sco-question"), null, {
    timeout: 2000,
  });
  if (q.type === "single" || q.type === "scenario" || q.type === "true-false") {
    const want =
      q.type === "true-false"
        ? q.answer === right
          ? 0
          : 1
        : q.options.findIndex((o) => o.correct === right);
    await page.keyboard.press("Space");
    for (let i = 0; i < want; i++) await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
  } else if (q.type === "multiple") {
    for (const option of q.options) {
      if (option.correct === right) await page.keyboard.press("Space");
      await page.keyboard.press("Tab");
    }
    await page.keyboard.press("Enter");
  } else {
    const selects = await page.locator(".sco-question select").all();
    for (const select of selects) {
      const name = (await select.getAttribute("name")) ?? "";
      const options = await select
        .locator("option")
        .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
      let wanted: string;
      if (name.startsWith("pos-")) wanted = String(LETTERS.indexOf(name.slice(4)) + 1);
      else wanted = LETTERS[Number(name.slice(6)) - 1] ?? "";
      let index = options.indexOf(wanted);
      if (!right && selects.indexOf(select) < 2) index = options.indexOf(wanted) === 1 ? 2 : 1;
      for (let i = 0; i < index; i++) await page.keyboard.press("ArrowDown");
      await page.keyboard.press("Tab");
    }
    await page.keyboard.press("Enter");
  }
  await page.waitForURL(/\/review\/answered\//);
}

test("a whole review with the keyboard alone", async () => {
  await learnerWithDueCards("keys@example.com", 9, trust);
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await signIn(page, app.baseUrl, "keys@example.com");
  await page.goto(`${app.baseUrl}/review`);
  for (let n = 1; n <= 9; n++) {
    assert.match(
      (await page.getByTestId("review-progress").textContent()) ?? "",
      new RegExp(`Question ${n} of 9`),
    );
    await answerWithKeys(page, n !== 1);
    const verdict = (await page.getByTestId("review-verdict").textContent()) ?? "";
    assert.equal(verdict, n === 1 ? "Not quite" : "Correct", `question ${n}`);
    // From the verdict heading, Tab reaches the lesson link (if missed), then Next.
    for (let tabs = 0; tabs < 4; tabs++) {
      await page.keyboard.press("Tab");
      const testId = await page.evaluate(() => document.activeElement?.getAttribute("data-testid"));
      if (testId === "review-next") break;
    }
    assert.equal(
      await page.evaluate(() => document.activeElement?.getAttribute("data-testid")),
      "review-next",
    );
    await page.keyboard.press("Enter");
    await page.waitForLoadState();
  }
  await page.getByTestId("review-score").waitFor();
  assert.match(
    (await page.getByTestId("review-score").textContent()) ?? "",
    /You got 8 of 9 right/,
  );
  await context.close();
});
