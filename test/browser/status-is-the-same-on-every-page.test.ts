import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { createUser } from "../../server/auth/create-user.ts";
import type { ModuleContent } from "../../server/content/module-schema.ts";
import { launchBrowser } from "../helpers/browser.ts";
import {
  createLearner,
  PLAYER_PASSWORD,
  publishedContent,
  signIn,
} from "../helpers/player-driver.ts";
import { seedVisits, type Visit } from "../helpers/seed-progress.ts";
import { startTestApp } from "../helpers/test-app.ts";

// The status rule's cases, one learner, one starter module per case. A real browser reads the
// dashboard, the catalog, the module page and the module's report, and each must tell the same
// story: a finished module shows its result and no part-filled bar; a retake after a pass shows
// the pass beside the retake's progress, under Completed.

interface Case {
  name: string;
  slug: string;
  visits: Visit[];
  /** The chip's text on every learner page. */
  chip: RegExp;
  section: "In progress" | "Completed";
  /** A progress bar is shown (unfinished, or a retake under way). */
  bar: boolean;
  retake: boolean;
  report: { passed: number; failed: number; inProgress: number; firstPassed: number };
}

const cases: Case[] = [
  {
    name: "lessons viewed without the quiz",
    slug: "communication",
    visits: [{ viewed: -1, score: null }],
    chip: /^In progress$/,
    section: "In progress",
    bar: true,
    retake: false,
    report: { passed: 0, failed: 0, inProgress: 1, firstPassed: 0 },
  },
  {
    name: "quiz passed with the lessons skipped",
    slug: "conflict",
    visits: [{ viewed: 0, score: 1 }],
    chip: /^Passed · 100%$/,
    section: "Completed",
    bar: false,
    retake: false,
    report: { passed: 1, failed: 0, inProgress: 0, firstPassed: 1 },
  },
  {
    name: "done and passed",
    slug: "managing-up",
    visits: [{ viewed: -1, score: 0.89 }],
    chip: /^Passed · 89%$/,
    section: "Completed",
    bar: false,
    retake: false,
    report: { passed: 1, failed: 0, inProgress: 0, firstPassed: 1 },
  },
  {
    name: "done and failed",
    slug: "relationship-web",
    visits: [{ viewed: -1, score: 0.56 }],
    chip: /^Failed · 56%$/,
    section: "In progress",
    bar: false,
    retake: false,
    report: { passed: 0, failed: 1, inProgress: 0, firstPassed: 0 },
  },
  {
    name: "a retake in progress after a pass",
    slug: "trust",
    visits: [
      { viewed: -1, score: 0.9 },
      { viewed: 1, score: null },
    ],
    chip: /^Passed · 90%$/,
    section: "Completed",
    bar: true,
    retake: true,
    report: { passed: 1, failed: 0, inProgress: 0, firstPassed: 1 },
  },
];

let app: Awaited<ReturnType<typeof startTestApp>>;
let browser: Browser;

before(async () => {
  app = await startTestApp(import.meta.url);
  const contents = new Map<string, ModuleContent>();
  for (const c of cases) contents.set(c.slug, await publishedContent(c.slug));
  browser = await launchBrowser();
  const learner = await createLearner("casey@example.com");
  for (const c of cases) {
    const content = contents.get(c.slug);
    assert.ok(content);
    await seedVisits(learner.id, c.slug, content, c.visits);
  }
  await createUser({
    email: "ada@example.com",
    displayName: "Ada",
    password: PLAYER_PASSWORD,
    role: "author",
  });
});
after(async () => {
  await browser?.close();
  await app?.stop();
});

async function chipText(card: ReturnType<Page["locator"]>) {
  return ((await card.locator(".status").first().textContent()) ?? "").trim();
}

test("the dashboard, the catalog, the module page and the report agree on every case", async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await signIn(page, app.baseUrl, "casey@example.com");

  await page.goto(`${app.baseUrl}/dashboard`);
  const seen: Record<string, string> = {};
  for (const c of cases) {
    const section = page.locator("section", {
      has: page.getByRole("heading", { name: c.section, exact: true }),
    });
    const card = section.locator(`[data-slug="${c.slug}"]`);
    assert.equal(await card.count(), 1, `${c.name}: on the dashboard under ${c.section}`);
    const chip = await chipText(card);
    assert.match(chip, c.chip, `${c.name}: dashboard chip`);
    seen[c.slug] = chip;
    assert.equal(await card.locator("progress").count(), c.bar ? 1 : 0, `${c.name}: bar`);
    assert.equal(
      await card.getByTestId("retake-progress").count(),
      c.retake ? 1 : 0,
      `${c.name}: retake progress beside the result`,
    );
    // One link per card: the card is the target.
    assert.equal(await card.locator("a").count(), 1, `${c.name}: one link`);
  }
  // The unfinished retake is also where the learner carries on.
  assert.equal(
    (await page.getByTestId("continue").locator('[data-continue="trust"]').count()) +
      (await page.getByTestId("continue").locator('[data-continue="communication"]').count()),
    1,
    "one module to continue, and it is an unfinished one",
  );

  await page.goto(`${app.baseUrl}/catalog`);
  for (const c of cases) {
    const card = page.locator(`[data-slug="${c.slug}"]`);
    assert.equal(await chipText(card), seen[c.slug], `${c.name}: catalog chip`);
    assert.equal(await card.locator("progress").count(), c.bar ? 1 : 0, `${c.name}: catalog bar`);
  }

  for (const c of cases) {
    await page.goto(`${app.baseUrl}/modules/${c.slug}`);
    const standing = page.getByTestId("module-standing");
    assert.equal(await chipText(standing), seen[c.slug], `${c.name}: module page chip`);
    assert.equal(await standing.locator("progress").count(), c.bar ? 1 : 0, `${c.name}: bar`);
    assert.equal(
      await standing.getByTestId("retake-progress").count(),
      c.retake ? 1 : 0,
      `${c.name}: module page retake`,
    );
  }
  await context.close();

  const author = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  await signIn(author, app.baseUrl, "ada@example.com");
  for (const c of cases) {
    await author.goto(`${app.baseUrl}/admin/modules/${c.slug}/report`);
    const figure = async (id: string) =>
      Number(((await author.getByTestId(id).textContent()) ?? "").trim());
    assert.deepEqual(
      {
        passed: await figure("passed"),
        failed: await figure("failed"),
        inProgress: await figure("in-progress"),
        firstPassed: await figure("first-passed"),
      },
      c.report,
      `${c.name}: the report counts the learner by the same result`,
    );
    assert.equal(await figure("learners"), 1);
    assert.equal(await figure("attempts"), c.visits.length);
  }
  await author.close();
});
