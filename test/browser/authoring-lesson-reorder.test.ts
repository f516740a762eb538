import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  type AuthoringRig,
  seedModule,
  signedInPage,
  smallDraft,
  startAuthoringRig,
  storedModule,
  waitUntilSaved,
  watchForProblems,
} from "../helpers/authoring-driver.ts";

// Lessons reorder without a mouse: Move up / Move down, pressed with the keyboard, change the
// saved order, and focus stays with the lesson that moved. Dragging does the same with a mouse.

let rig: AuthoringRig;
before(async () => {
  rig = await startAuthoringRig(import.meta.url);
});
after(async () => {
  await rig.stop();
});

const order = async (slug: string) => (await storedModule(slug)).draft.lessons.map((l) => l.title);

test("keyboard Move up / Move down reorder lessons and the order is saved", async () => {
  await seedModule(smallDraft("reorder-module", ["Alpha", "Bravo", "Charlie"]));
  const page = await signedInPage(rig, { email: "kim@example.com" });
  const problems = watchForProblems(page);
  await page.goto(`${rig.app.baseUrl}/admin/modules/reorder-module`);

  await page.getByRole("button", { name: "Move down lesson 1" }).focus();
  await page.keyboard.press("Enter");
  // Focus follows Alpha to position 2, so pressing again moves it on.
  assert.equal(await page.evaluate(() => document.activeElement?.id), "down-lessons-1");
  await page.keyboard.press("Enter");
  // At the bottom Move down is disabled; focus falls back to Alpha's Move up.
  assert.equal(await page.evaluate(() => document.activeElement?.id), "up-lessons-2");
  await page.locator("#editor-announcer", { hasText: "Lesson 2 moved to position 3" }).waitFor();
  assert.equal(await page.locator("#f-lessons-2-title").inputValue(), "Alpha");
  await waitUntilSaved(page);
  assert.deepEqual(await order("reorder-module"), ["Bravo", "Charlie", "Alpha"]);

  await page.keyboard.press("Space");
  await waitUntilSaved(page);
  assert.deepEqual(await order("reorder-module"), ["Bravo", "Alpha", "Charlie"]);

  // The mouse way: drag Charlie's handle onto the first lesson (both on screen: a drag that has
  // to scroll the page is not what this is about).
  await page.setViewportSize({ width: 1280, height: 3000 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page
    .locator('[data-path="lessons.2"] .drag-handle')
    .dragTo(page.locator('[data-path="lessons.0"]'));
  assert.equal(await page.locator("#f-lessons-0-title").inputValue(), "Charlie");
  await waitUntilSaved(page);
  assert.deepEqual(await order("reorder-module"), ["Charlie", "Bravo", "Alpha"]);
  assert.deepEqual(problems, []);
  await page.context().close();
});
