import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { moduleContent } from "../../server/content/module-schema.ts";
import {
  type AuthoringRig,
  seedModule,
  signedInPage,
  smallDraft,
  startAuthoringRig,
  waitUntilSaved as waitUntilDraftSaved,
} from "../helpers/authoring-driver.ts";
import {
  next,
  openFromCatalog,
  pageTitle,
  readAttempt,
  scoFrame,
  takeQuiz,
  waitUntilSaved,
} from "../helpers/player-driver.ts";

async function previous(page: import("playwright-core").Page): Promise<void> {
  const before = await pageTitle(page);
  await scoFrame(page).getByTestId("prev").click();
  await scoFrame(page).getByTestId("page-title").filter({ hasNotText: before }).waitFor();
}

// Publishing v2 changes what new attempts get, never what a learner already took.
let rig: AuthoringRig;
before(async () => {
  rig = await startAuthoringRig(import.meta.url);
});
after(async () => {
  await rig.stop();
});

test("a learner's finished attempt keeps v1; after the author publishes v2 a new attempt uses v2", async () => {
  const base = rig.app.baseUrl;
  const draft = moduleContent.parse(smallDraft("two-versions", ["Listen first", "Then answer"]));
  await seedModule(draft);

  const author = await signedInPage(rig, { email: "ann@example.com" });
  await author.goto(`${base}/admin/modules/two-versions`);
  await author.getByRole("button", { name: "Publish" }).click();
  await author.locator("#publish-status", { hasText: "Published version 1." }).waitFor();

  const learner = await signedInPage(rig, { email: "leo@example.com", role: "learner" });
  const firstId = await openFromCatalog(learner, base, draft.title, "Start");
  const frame = scoFrame(learner);
  assert.match((await frame.locator("main").textContent()) ?? "", /Text of Listen first\./);
  assert.equal(await next(learner), "Then answer");
  while ((await pageTitle(learner)) !== "Final quiz") await next(learner);
  await takeQuiz(learner, draft);
  await waitUntilSaved(learner);
  const finished = await readAttempt(firstId);
  assert.equal(finished?.version, 1);
  assert.equal(finished?.successRank, 2);

  // The author rewrites lesson 1 and publishes v2. A learner has taken v1, so Rapport asks
  // first: cancelling publishes nothing, confirming publishes.
  await author.goto(`${base}/admin/modules/two-versions`);
  await author.locator("#toggle-lessons-0").click();
  await author.locator("#f-lessons-0-markdown").fill("Rewritten for the second version.");
  await waitUntilDraftSaved(author);
  const publish = author.getByRole("button", { name: "Publish", exact: true });
  await publish.click();
  const dialog = author.getByRole("dialog", { name: "Publish a new version?" });
  assert.match(
    (await dialog.textContent()) ?? "",
    /1 learner has started this module\. Anyone who retakes it, or starts it from now on, gets version 2/,
  );
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await author.locator("#publish-status", { hasText: "Not published." }).waitFor();
  assert.equal(await author.evaluate(() => document.activeElement?.id), "publish-button");
  await publish.click();
  await dialog.getByRole("button", { name: "Publish" }).click();
  await author.locator("#publish-status", { hasText: "Published version 2." }).waitFor();

  // Reviewing the finished attempt still plays v1's text.
  const reviewId = await openFromCatalog(learner, base, draft.title, "Review");
  assert.equal(reviewId, firstId);
  while ((await pageTitle(learner)) !== "Listen first") await previous(learner);
  assert.match((await frame.locator("main").textContent()) ?? "", /Text of Listen first\./);
  assert.equal((await readAttempt(firstId))?.version, 1);

  // A retake is a new attempt on v2, and the module page lists both versions.
  const retakeId = await openFromCatalog(learner, base, draft.title, "Retake");
  assert.notEqual(retakeId, firstId);
  assert.match(
    (await frame.locator("main").textContent()) ?? "",
    /Rewritten for the second version\./,
  );
  assert.equal((await readAttempt(retakeId))?.version, 2);
  await learner.goto(`${base}/modules/two-versions`);
  const rows = await learner.locator("tbody tr").allTextContents();
  assert.equal(rows.length, 2);
  assert.match(rows[0] ?? "", /2\s*v2/);
  assert.match(rows[1] ?? "", /1\s*v1\s*passed/);
});
