import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { Certificate } from "../../server/certificates/certificate-model.ts";
import type { ModuleContent } from "../../server/content/module-schema.ts";
import { launchBrowser } from "../helpers/browser.ts";
import { publishedContent, signIn } from "../helpers/player-driver.ts";
import { learnerWithDueCards } from "../helpers/review.ts";
import { seedVisits } from "../helpers/seed-progress.ts";
import { startTestApp } from "../helpers/test-app.ts";

// axe finds no violation of any impact (moderate and minor included: landmarks, heading order,
// regions, target size, contrast …) on every learner page outside the player, signed out and
// signed in, on a phone and a desk, in the light and the dark colour scheme. The learner has
// something in every state, so chips, bars, the retake, the review panel and a certificate show.
// On every size the header stays on one row, "Sign out" included, and nothing scrolls sideways.

let app: Awaited<ReturnType<typeof startTestApp>>;
let browser: Browser;
let certificateCode = "";

before(async () => {
  app = await startTestApp(import.meta.url);
  let trust: ModuleContent;
  [trust, browser] = await Promise.all([publishedContent("trust"), launchBrowser()]);
  const learnerId = await learnerWithDueCards("lee@example.com", 3, trust);
  await seedVisits(learnerId, "trust", trust, [
    { viewed: -1, score: 0.9 },
    { viewed: 2, score: null },
  ]);
  const conflict = await publishedContent("conflict");
  await seedVisits(learnerId, "conflict", conflict, [{ viewed: -1, score: 0.4 }]);
  const communication = await publishedContent("communication");
  await seedVisits(learnerId, "communication", communication, [{ viewed: 1, score: null }]);
  const certificate = await Certificate.findOne({ slug: "trust" }).lean();
  assert.ok(certificate);
  certificateCode = certificate.code;
});
after(async () => {
  await browser?.close();
  await app?.stop();
});

async function assertNoViolations(page: Page, where: string) {
  // WCAG 2.2's target size (24×24 px) is off in axe by default; the issue asks for it.
  const { violations } = await new AxeBuilder({ page })
    .options({ rules: { "target-size": { enabled: true } } })
    .analyze();
  assert.deepEqual(
    violations.map(
      (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
    ),
    [],
    `no axe violations on ${where}`,
  );
}

/** Nothing makes the page scroll sideways. */
async function assertNoSidewaysScroll(page: Page, where: string) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  assert.ok(overflow <= 0, `no sideways scrolling on ${where} (${overflow}px)`);
}

/** The header never wraps: its links share one row, and "Sign out" stays on one line. */
async function assertHeaderOnOneLine(page: Page, where: string) {
  const tops = await page
    .locator(".site-nav li")
    .evaluateAll((items) => items.map((li) => Math.round(li.getBoundingClientRect().top)));
  assert.ok(tops.length >= 4, `the main nav is there on ${where}`);
  assert.equal(new Set(tops).size, 1, `the nav links share one row on ${where} (${tops})`);
  const signOut = page.getByRole("button", { name: "Sign out" });
  // The rows its text occupies (a wrapped label has two).
  const lines = await signOut.evaluate((b) => {
    const range = document.createRange();
    range.selectNodeContents(b);
    return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
  });
  assert.equal(lines, 1, `"Sign out" is on one line on ${where}`);
}

const sizes = [
  { width: 390, height: 844 },
  { width: 1366, height: 900 },
];

for (const viewport of sizes) {
  for (const colorScheme of ["light", "dark"] as const) {
    test(`learner pages have no axe violations at ${viewport.width} px, ${colorScheme}`, async () => {
      const context = await browser.newContext({ viewport, colorScheme });
      const page = await context.newPage();
      const at = `${viewport.width}px ${colorScheme}`;
      const visit = async (path: string) => {
        const res = await page.goto(`${app.baseUrl}${path}`);
        assert.ok(res, path);
        await assertNoViolations(page, `${path} at ${at}`);
        await assertNoSidewaysScroll(page, `${path} at ${at}`);
      };
      // The scheme really is in effect (so the dark run checks dark colours).
      await page.goto(`${app.baseUrl}/login`);
      const dark = await page.evaluate(() => matchMedia("(prefers-color-scheme: dark)").matches);
      assert.equal(dark, colorScheme === "dark");

      for (const path of [
        "/login",
        "/register",
        "/forgot-password",
        `/certificates/verify/${certificateCode}`,
        "/certificates/verify/AAAAAAAAAAAAAAAAAAAAAA",
      ])
        await visit(path);

      await signIn(page, app.baseUrl, "lee@example.com");
      await assertHeaderOnOneLine(page, at);
      for (const path of [
        "/dashboard",
        "/catalog",
        "/modules/trust",
        "/modules/conflict",
        "/modules/managing-up",
        "/modules/trust/retake",
        "/review",
        "/account/settings",
        `/certificates/${certificateCode}`,
      ])
        await visit(path);
      await context.close();
    });
  }
}
