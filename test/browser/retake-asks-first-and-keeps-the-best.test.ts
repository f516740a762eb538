import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser } from "playwright-core";
import { User } from "../../server/auth/user-model.ts";
import type { ModuleContent } from "../../server/content/module-schema.ts";
import { Attempt } from "../../server/runtime/attempt-model.ts";
import { launchBrowser } from "../helpers/browser.ts";
import { signedInLearner } from "../helpers/learner.ts";
import { createLearner, publishedContent, signIn } from "../helpers/player-driver.ts";
import { seedVisits } from "../helpers/seed-progress.ts";
import { startTestApp } from "../helpers/test-app.ts";

// Retake asks first (a page of its own, so it works without JavaScript), cancelling changes
// nothing, and after starting one the earlier pass stays in view: the dashboard keeps the module
// under Completed with its best result, beside the retake's progress.

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

const attemptsOf = async (email: string) => {
  const user = await User.findOne({ email }).lean();
  assert.ok(user);
  return Attempt.countDocuments({ userId: user._id });
};

test("a retake asks first, and the pass stays on the dashboard while it runs", async () => {
  const learner = await createLearner("rita@example.com");
  await seedVisits(learner.id, "trust", trust, [{ viewed: -1, score: 0.9 }]);
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await signIn(page, app.baseUrl, "rita@example.com");

  await page.goto(`${app.baseUrl}/modules/trust`);
  await page.getByRole("link", { name: "Retake", exact: true }).click();
  await page.waitForURL(/\/modules\/trust\/retake$/);
  assert.equal(
    await page.getByRole("heading", { level: 1 }).textContent(),
    `Retake ${trust.title}?`,
  );
  assert.equal(await page.getByTestId("kept-result").textContent(), "Passed · 90%");
  await page.getByRole("link", { name: "Cancel" }).click();
  await page.waitForURL(/\/modules\/trust$/);
  assert.equal(await attemptsOf("rita@example.com"), 1, "cancelling starts nothing");

  await page.getByRole("link", { name: "Retake", exact: true }).click();
  await page.getByRole("button", { name: "Start the retake" }).click();
  await page.waitForURL(/\/attempts\/[0-9a-f]{24}\/play$/);
  assert.equal(await attemptsOf("rita@example.com"), 2, "confirmed: a new attempt");

  await page.goto(`${app.baseUrl}/dashboard`);
  const completed = page.locator("section", {
    has: page.getByRole("heading", { name: "Completed", exact: true }),
  });
  const card = completed.locator('[data-slug="trust"]');
  assert.equal(((await card.locator(".status").textContent()) ?? "").trim(), "Passed · 90%");
  assert.match(
    (await card.getByTestId("retake-progress").textContent()) ?? "",
    /Retake in progress.*\d+% done/s,
  );
  // And it is where the learner carries on.
  const go = page.getByTestId("continue").getByRole("link");
  assert.match((await go.textContent()) ?? "", /resume the retake/);
  await context.close();
});

test("a retake posted without the confirm step goes to the confirm page and starts nothing", async () => {
  const client = await signedInLearner(app.baseUrl, "sam@example.com");
  const user = await User.findOne({ email: "sam@example.com" }).lean();
  assert.ok(user);
  await seedVisits(user._id.toString(), "trust", trust, [{ viewed: -1, score: 0.9 }]);
  const res = await client.postForm("/modules/trust/attempts", { retake: "1" }, "/modules/trust");
  assert.equal(res.status, 303);
  assert.equal(res.headers.get("location"), "/modules/trust/retake");
  assert.equal(await attemptsOf("sam@example.com"), 1);
  const confirm = await client.get("/modules/trust/retake");
  assert.equal(confirm.status, 200);
  assert.match(await confirm.text(), /name="confirmed" value="1"/);
});
