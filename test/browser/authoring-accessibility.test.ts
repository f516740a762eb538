import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  type AuthoringRig,
  assertAccessible,
  seedModule,
  signedInPage,
  smallDraft,
  startAuthoringRig,
  waitUntilSaved,
  watchForProblems,
} from "../helpers/authoring-driver.ts";

// axe-core finds no serious or critical violation on the authoring pages, on a desk and on a
// phone: the module list, the editor, and the editor with a question open.

let rig: AuthoringRig;
before(async () => {
  rig = await startAuthoringRig(import.meta.url);
  const draft = smallDraft("axe-module", ["Lesson one", "Lesson two"]);
  draft.quiz.push({
    id: "q-likert",
    type: "likert",
    prompt: "How often do you ask first?",
    scale: ["Rarely", "Sometimes", "Often"],
    statements: [
      { id: "s-1", text: "I ask before advising." },
      { id: "s-2", text: "I check what they heard." },
    ],
    bands: [{ min: 1, max: 3, label: "Any", text: "Every average." }],
  });
  await seedModule(draft);
});
after(async () => {
  await rig.stop();
});

for (const width of [1280, 320]) {
  test(`authoring pages pass axe at ${width}px`, async () => {
    const page = await signedInPage(rig, {
      email: `admin${width}@example.com`,
      role: "admin",
      width,
    });
    const problems = watchForProblems(page);
    const base = rig.app.baseUrl;

    await page.goto(`${base}/admin/modules`);
    await assertAccessible(page, `the module list at ${width}px`);

    await page.goto(`${base}/admin/modules/axe-module`);
    await page.locator('[data-preview-for="lessons.0"] p').waitFor();
    await assertAccessible(page, `the module editor at ${width}px`);

    await page.locator("#q-quiz-0 > summary").click();
    await page.locator("#q-quiz-1 > summary").click();
    await page.locator("#f-quiz-0-prompt").waitFor();
    await assertAccessible(page, `the question editor at ${width}px`);

    // The editor with errors showing is still accessible.
    await page.locator("#f-title").fill("");
    await page.locator('#save-status[data-state="invalid"]').waitFor();
    await assertAccessible(page, `the editor showing errors at ${width}px`);
    await page.locator("#f-title").fill("Module axe-module");
    await waitUntilSaved(page);

    for (const path of [
      "/admin/modules/import",
      "/admin/modules/axe-module/versions",
      "/admin/users",
      "/admin/audit",
    ]) {
      await page.goto(`${base}${path}`);
      await assertAccessible(page, `${path} at ${width}px`);
    }
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    assert.ok(overflow <= 0, `no sideways scrolling on the audit page at ${width}px`);
    assert.deepEqual(problems, []);
    await page.context().close();
  });
}
