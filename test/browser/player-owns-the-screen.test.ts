import assert from "node:assert/strict";
import { test } from "node:test";
import type { Page } from "playwright-core";
import { analyzeWithFrame } from "../helpers/axe-in-frames.ts";
import {
  answerCheck,
  createLearner,
  openFromCatalog,
  openScoPage,
  pageTitle,
  scoFrame,
  signIn,
  takeQuiz,
  waitUntilSaved,
} from "../helpers/player-driver.ts";
import { playerTestBed } from "../helpers/player-test-bed.ts";
import { scrollingElements, shareOfViewportHeight } from "../helpers/screen-metrics.ts";

// Issue 11, item 3: the player owns the screen. On a phone the page is a slim bar and the module,
// one document scrolls (never a scroll inside a scroll) and the module gets at least 85 % of the
// height; on a desk the lesson is a comfortable column with the contents beside it. axe finds no
// violation of any impact on the player, in light and dark, at both sizes.

const bed = playerTestBed(import.meta.url);

const SIZES = [
  { name: "phone", width: 390, height: 844 },
  { name: "desk", width: 1366, height: 900 },
] as const;

async function assertNoViolations(page: Page, where: string) {
  const { violations } = await analyzeWithFrame(page, where);
  assert.deepEqual(
    violations.map(
      (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
    ),
    [],
    `no axe violation of any impact on ${where}`,
  );
}

/** One scroller, the module's own document; `orNone` when the screen may fit without scrolling. */
async function assertOneScroller(page: Page, where: string, orNone = false) {
  const scrollers = await scrollingElements(page);
  if (orNone && scrollers.length === 0) return;
  assert.equal(scrollers.length, 1, `exactly one scrolling element on ${where}: ${scrollers}`);
  assert.match(scrollers[0] ?? "", /^index\.html: html/, `the module's own document scrolls`);
}

const bundleOf = (page: Page) => {
  const frame = page.frame({ url: /\/bundles\// });
  assert.ok(frame, "the bundle is framed");
  return frame;
};

for (const size of SIZES) {
  test(`on a ${size.name} (${size.width}×${size.height}) the player is the module and one document scrolls`, async () => {
    const email = `screen-${size.name}@example.com`;
    await createLearner(email);
    const context = await bed.browser.newContext({
      viewport: { width: size.width, height: size.height },
    });
    const page = await context.newPage();
    await signIn(page, bed.app.baseUrl, email);
    await openFromCatalog(page, bed.app.baseUrl, bed.trust.title, "Start");
    const lesson = bed.trust.lessons[0];
    assert.ok(lesson);
    assert.equal(await pageTitle(page), lesson.title);

    await assertOneScroller(page, `the first lesson on the ${size.name}`);
    const share = await shareOfViewportHeight(page, "#sco-frame");
    if (size.name === "phone") {
      assert.ok(
        share >= 0.85,
        `the module fills ${Math.round(share * 100)}% of the phone's height`,
      );
    }
    // The slim bar: the way out, and the progress the SCO reported for the lesson just opened.
    await waitUntilSaved(page);
    const progress = Number(await page.locator("#player-progress").getAttribute("value"));
    assert.ok(progress > 0 && progress < 100, `the bar shows progress (${progress}%)`);
    // Nothing of the site around it: no site header or footer, only the slim bar.
    assert.equal(await page.locator(".site-header, .site-footer").count(), 0);
    assert.equal(await page.getByTestId("player-close").getAttribute("href"), "/modules/trust");
    const bundle = bundleOf(page);
    const column = await bundle.evaluate(() => {
      const main = document.querySelector(".sco-main") as HTMLElement;
      const nav = document.querySelector(".sco-nav") as HTMLElement;
      const probe = document.createElement("span");
      probe.style.display = "inline-block";
      probe.style.width = "10ch";
      main.append(probe);
      const ch = probe.getBoundingClientRect().width / 10;
      probe.remove();
      const m = main.getBoundingClientRect();
      const n = nav.getBoundingClientRect();
      return {
        ch: m.width / ch,
        navBeside: n.right <= m.left && n.height > 0,
        contentsOpen: (nav.querySelector("details") as HTMLDetailsElement).open,
        sideways: document.documentElement.scrollWidth - window.innerWidth,
      };
    });
    assert.ok(column.sideways <= 0, `no sideways scrolling (${column.sideways}px)`);
    if (size.name === "desk") {
      assert.ok(
        column.ch >= 60 && column.ch <= 80,
        `the lesson column is ${Math.round(column.ch)} characters wide`,
      );
      assert.ok(column.navBeside && column.contentsOpen, "the contents are open beside the lesson");
    }

    // Scrolled to the end of the lesson, still one scroller, and the bar still at the top.
    await bundle.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await assertOneScroller(page, `the end of the lesson on the ${size.name}`);
    const barTop = await page.locator(".player-bar").evaluate((b) => b.getBoundingClientRect().top);
    assert.equal(barTop, 0, "the slim bar stays in view");
    await context.close();
  });

  for (const colorScheme of ["light", "dark"] as const) {
    test(`axe finds nothing on the player on a ${size.name} in ${colorScheme}`, async () => {
      const email = `axe-${size.name}-${colorScheme}@example.com`;
      await createLearner(email);
      const context = await bed.browser.newContext({
        viewport: { width: size.width, height: size.height },
      });
      const page = await context.newPage();
      await page.emulateMedia({ colorScheme });
      await signIn(page, bed.app.baseUrl, email);
      await openFromCatalog(page, bed.app.baseUrl, bed.trust.title, "Start");
      const frame = scoFrame(page);
      const [first, second] = bed.trust.lessons[0]?.checks ?? [];
      assert.ok(first && second);
      await answerCheck(frame, first, true);
      await answerCheck(frame, second, false);
      await waitUntilSaved(page);
      const where = `${size.name}, ${colorScheme}`;
      await assertNoViolations(page, `a lesson with its checks answered (${where})`);

      await openScoPage(page, "quiz");
      assert.equal(await pageTitle(page), "Final quiz");
      await assertNoViolations(page, `the quiz's first question (${where})`);
      await takeQuiz(page, bed.trust, new Set(["two-sides", "repair-order"]));
      await waitUntilSaved(page);
      await assertOneScroller(page, `the end screen (${where})`, true);
      await assertNoViolations(page, `the end screen (${where})`);
      await frame.getByTestId("quiz-review").click();
      await frame.getByTestId("review-step").waitFor();
      await assertNoViolations(page, `the review (${where})`);
      await context.close();
    });
  }
}
