import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { markPlaceholder } from "../../server/content/publish-blockers.ts";
import {
  type AuthoringRig,
  assertAccessible,
  assertNoViolations,
  fillEditorField,
  seedModule,
  signedInPage,
  smallDraft,
  startAuthoringRig,
  waitUntilSaved,
  watchForProblems,
} from "../helpers/authoring-driver.ts";

// axe-core finds no serious or critical violation on the authoring pages, on a desk and on a
// phone, in the light and the dark colour scheme, and their tables never scroll sideways (rows
// stack on a phone); and none of any impact on the editor: folded, with a lesson and questions
// open, with placeholder to-dos and the linter's hints showing, with a confirmation asked, and with
// errors showing.

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
  // Stub text, as an import leaves it: the editor shows a to-do hint at each of these fields.
  draft.summary = markPlaceholder("Say what learners will be able to do.");
  const q = draft.quiz[0];
  assert.ok(q?.type === "single" && q.options[1]);
  q.options[1].text = markPlaceholder("A wrong answer to rewrite");
  // And advice from the assessment linter: feedback that only says "right".
  assert.ok(q.options[0]);
  q.options[0].feedback = "Correct.";
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
    await page.locator("#hints-summary").waitFor();
    assert.equal(await page.locator(".hint-note").count(), 3, "two to-dos and a hint show");
    assert.equal(
      await page.locator('.hint-note--advice[data-rule="thin-feedback"]').count(),
      1,
      "the linter's advice is a Hint, not a To do",
    );
    await assertNoViolations(page, `the folded module editor with hints at ${width}px`);

    await page.locator("#toggle-lessons-0").click();
    await page.locator('[data-preview-for="lessons.0"] p').waitFor();
    await page.locator("#q-quiz-0 > summary").click();
    await page.locator("#q-quiz-1 > summary").click();
    await page.locator("#f-quiz-0-prompt").waitFor();
    await page.locator("#f-quiz-0-options-1-text + .hint-note").waitFor();
    await assertNoViolations(
      page,
      `the editor with a lesson, questions and hints open at ${width}px`,
    );

    await page.locator("#remove-quiz-0").click();
    await page.getByRole("dialog", { name: "Remove question 1?" }).waitFor();
    await assertNoViolations(page, `the editor asking before a removal at ${width}px`);
    await page.getByRole("button", { name: "Cancel" }).click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), "remove-quiz-0");

    // The editor with errors showing is still accessible.
    // Previews and hints still arriving re-render parts of the form: let them land first, so the
    // edit below is made on the field the editor keeps.
    await page.waitForLoadState("networkidle");
    await fillEditorField(page, "#f-title", "");
    // Save now rather than after the autosave's pause, and say what the editor showed instead.
    const outcome = await page.evaluate(() =>
      (
        window as unknown as { RapportEditor: { saver: { flush(): Promise<string> } } }
      ).RapportEditor.saver.flush(),
    );
    const status = page.locator("#save-status");
    assert.equal(outcome, "invalid", `the save says ${await status.textContent()}`);
    await page.locator('#save-status[data-state="invalid"]').waitFor();
    await assertNoViolations(page, `the editor showing errors at ${width}px`);
    await fillEditorField(page, "#f-title", "Module axe-module");
    await waitUntilSaved(page);

    const lists = [
      "/admin/modules",
      "/admin/modules/import",
      "/admin/modules/axe-module/versions",
      "/admin/modules/axe-module/report",
      "/admin/users",
      "/admin/audit",
      "/admin/outbox",
    ];
    for (const path of lists) {
      await page.goto(`${base}${path}`);
      await assertAccessible(page, `${path} at ${width}px`);
      // Tables fit the screen: on a phone their rows stack, nothing scrolls sideways.
      const wide = await page
        .locator(".table-scroll, table")
        .evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).length);
      assert.equal(wide, 0, `no table scrolls sideways on ${path} at ${width}px`);
    }
    // The same pages in the dark colour scheme.
    await page.emulateMedia({ colorScheme: "dark" });
    for (const path of lists) {
      await page.goto(`${base}${path}`);
      await assertAccessible(page, `${path} at ${width}px, dark`);
    }
    await page.emulateMedia({ colorScheme: "light" });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    assert.ok(overflow <= 0, `no sideways scrolling on the audit page at ${width}px`);
    assert.deepEqual(problems, []);
    await page.context().close();
  });
}
