import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  type AuthoringRig,
  fillEditorField,
  seedModule,
  signedInPage,
  smallDraft,
  startAuthoringRig,
  storedModule,
  waitUntilSaved,
  watchForProblems,
} from "../helpers/authoring-driver.ts";

// Invalid edits are refused as a whole: each message appears next to the field it is about,
// focus goes to the first one, and the stored draft does not change at all.

let rig: AuthoringRig;
before(async () => {
  rig = await startAuthoringRig(import.meta.url);
});
after(async () => {
  await rig.stop();
});

/** The text of the elements that describe `selector` (its aria-describedby targets). */
async function description(page: import("playwright-core").Page, selector: string) {
  return page.locator(selector).evaluate((el) =>
    (el.getAttribute("aria-describedby") ?? "")
      .split(" ")
      .map((id) => document.getElementById(id)?.textContent ?? "")
      .join(" "),
  );
}

test("errors show next to their fields and nothing half-valid is stored", async () => {
  await seedModule(smallDraft("errors-module"));
  const before = await storedModule("errors-module");
  const page = await signedInPage(rig, { email: "eve@example.com" });
  const problems = watchForProblems(page);
  await page.goto(`${rig.app.baseUrl}/admin/modules/errors-module`);

  await fillEditorField(page, "#f-title", "");
  await page.locator("#q-quiz-0 > summary").click();
  await page.locator("#f-quiz-0-options-0-correct").uncheck();
  await page.locator("#f-lessons-0-minutes").fill("5");

  const status = page.locator("#save-status");
  await page.locator('#save-status[data-state="invalid"]').waitFor();
  assert.equal(await status.textContent(), "Not saved: fix the errors below");

  // The title's message sits in its field box and is tied to the input.
  assert.equal(await page.locator("#f-title").getAttribute("aria-invalid"), "true");
  assert.match(await description(page, "#f-title"), /at least 3 characters/);
  assert.equal(
    await page
      .locator("#f-title")
      .evaluate((input) => input.closest(".field")?.querySelector(".error")?.textContent),
    "Error: must be at least 3 characters",
  );
  // The question's message sits at the top of its options and describes that group.
  const options = page.locator('[data-path="quiz.0.options"]');
  assert.match((await options.locator(".error").textContent()) ?? "", /exactly one correct option/);
  assert.match(
    await description(page, '[data-path="quiz.0.options"]'),
    /exactly one correct option/,
  );
  assert.equal(
    await page.locator("#q-quiz-0").evaluate((d) => (d as HTMLDetailsElement).open),
    true,
  );
  assert.equal(
    await page.evaluate(() => document.activeElement?.id),
    "f-title",
    "focus on the first error",
  );

  const after = await storedModule("errors-module");
  assert.equal(after.revision, before.revision, "the revision did not move");
  assert.deepEqual(after.draft, before.draft, "the stored draft is unchanged");

  // Fixing both saves everything, the lesson minutes edit included, and the messages go away.
  await page.locator("#f-title").fill("A fixed title");
  await page.locator("#f-quiz-0-options-1-correct").check();
  await waitUntilSaved(page);
  assert.equal(await page.locator("#editor-form .error").count(), 0);
  assert.equal(await page.locator("[aria-invalid]").count(), 0);
  const fixed = await storedModule("errors-module");
  assert.equal(fixed.revision, before.revision + 1);
  assert.equal(fixed.draft.title, "A fixed title");
  assert.equal(fixed.draft.lessons[0]?.minutes, 5);
  const q = fixed.draft.quiz[0];
  assert.deepEqual(q?.type === "single" && q.options.map((o) => o.correct), [false, true]);
  assert.deepEqual(problems, []);
  await page.context().close();
});

test("a stale copy gets the conflict message; a slug change moves the editor's address", async () => {
  await seedModule(smallDraft("old-slug"));
  const first = await signedInPage(rig, { email: "first@example.com" });
  const second = await first.context().newPage();
  const problems = [...watchForProblems(first)];
  await first.goto(`${rig.app.baseUrl}/admin/modules/old-slug`);
  await second.goto(`${rig.app.baseUrl}/admin/modules/old-slug`);

  await first.locator("#f-summary").fill("A summary saved from the first tab.");
  await waitUntilSaved(first);
  // The second tab still holds the old revision: its save is refused, not merged.
  await second.locator("#f-summary").fill("A summary written in the stale tab.");
  await second.locator('#save-status[data-state="conflict"]').waitFor();
  assert.match(
    (await second.locator("#save-status").textContent()) ?? "",
    /^Someone else changed this module — Reload to see their version/,
  );
  assert.equal(await second.getByRole("button", { name: "Reload" }).isVisible(), true);
  assert.equal(await second.evaluate(() => document.activeElement?.id), "reload-button");
  assert.equal(
    (await storedModule("old-slug")).draft.summary,
    "A summary saved from the first tab.",
  );

  await first.locator("#f-slug").fill("new-slug");
  await waitUntilSaved(first);
  assert.match(first.url(), /\/admin\/modules\/new-slug$/);
  assert.match(
    (await first.getByRole("link", { name: /Preview/ }).getAttribute("href")) ?? "",
    /\/new-slug\/preview$/,
  );
  assert.equal((await storedModule("new-slug")).draft.slug, "new-slug");
  assert.deepEqual(problems, []);
  await first.context().close();
});
