import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { ModuleContentInput } from "../../server/content/module-schema.ts";
import { markPlaceholder } from "../../server/content/publish-blockers.ts";
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

// Issue #14, item 5: with seven questions the editor was a 13,000 px form. Lessons and
// questions now fold to one line each (type and hint count included) until opened, and removing
// a lesson, a question or archiving a module asks first.

let rig: AuthoringRig;
before(async () => {
  rig = await startAuthoringRig(import.meta.url);
});
after(async () => {
  await rig.stop();
});

const LONG_LESSON = Array.from(
  { length: 30 },
  (_, i) => `Paragraph ${i + 1} says something worth reading about listening at work.`,
).join("\n\n");

function bigDraft(slug: string): ModuleContentInput {
  const draft = smallDraft(slug, ["Notice", "Pause", "Ask", "Reflect"]);
  for (const lesson of draft.lessons) lesson.markdown = LONG_LESSON;
  const template = draft.quiz[0];
  assert.ok(template?.type === "single");
  // The right answer moves between the first and second option, so the linter (whose hints the
  // summaries count) finds no favourite position: the only hint is the placeholder below.
  draft.quiz = Array.from({ length: 7 }, (_, i) => {
    const q = structuredClone(template);
    if (i % 2 === 1) q.options.reverse();
    return {
      ...q,
      id: `q-${i + 1}`,
      prompt: `Question number ${i + 1}: which answer shows that you listened before you replied to a colleague's request?`,
    };
  });
  const last = draft.quiz[6];
  assert.ok(last?.type === "single" && last.options[0]);
  last.options[0].feedback = markPlaceholder("Say why.");
  return draft;
}

test("seven questions and four long lessons fold into one screen of one-line rows", async (t) => {
  await seedModule(bigDraft("folded"));
  const page = await signedInPage(rig, { email: "fay@example.com" });
  const problems = watchForProblems(page);
  await page.goto(`${rig.app.baseUrl}/admin/modules/folded`);
  await page.locator("#q-quiz-6").waitFor();

  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  t.diagnostic(`editor height: ${height} px`);
  assert.ok(height < 3_500, `the whole editor is ${height} px tall`);
  const rows = await page
    .locator(".question > summary")
    .evaluateAll((els) =>
      els.map((el) => ({ text: el.textContent ?? "", height: el.getBoundingClientRect().height })),
    );
  assert.equal(rows.length, 7);
  for (const row of rows) assert.ok(row.height < 50, `one line: ${row.text} (${row.height} px)`);
  assert.match(rows[0]?.text ?? "", /^Question 1 · Single choice: Question number 1/);
  assert.match(rows[6]?.text ?? "", /^Question 7 · Single choice · 1 hint: /);
  assert.equal(
    await page.locator("#toggle-lessons-2").textContent(),
    "Lesson 3: Ask · 3 min · no checks",
  );

  // Opening a lesson shows its text and preview; closing it folds it again.
  await page.locator("#toggle-lessons-2").click();
  assert.equal(await page.locator("#f-lessons-2-markdown").isVisible(), true);
  await page.locator('[data-preview-for="lessons.2"] p').first().waitFor();
  await page.locator("#toggle-lessons-2").click();
  assert.equal(await page.locator("#f-lessons-2-markdown").isVisible(), false);
  assert.deepEqual(problems, []);
  await page.context().close();
});

test("removing a lesson or a question asks first; cancelling changes nothing", async () => {
  await seedModule(bigDraft("removals"));
  const page = await signedInPage(rig, { email: "ray@example.com" });
  const problems = watchForProblems(page);
  await page.goto(`${rig.app.baseUrl}/admin/modules/removals`);

  await page.getByRole("button", { name: "Remove lesson 2" }).click();
  const dialog = page.getByRole("dialog", { name: "Remove lesson 2?" });
  assert.match((await dialog.textContent()) ?? "", /“Pause” and its text will be removed/);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  assert.equal(await page.locator(".lesson").count(), 4);
  assert.equal(await page.evaluate(() => document.activeElement?.id), "remove-lessons-1");

  await page.getByRole("button", { name: "Remove lesson 2" }).click();
  await dialog.getByRole("button", { name: "Remove lesson" }).click();
  await page.locator("#editor-announcer", { hasText: "Lesson 2 removed" }).waitFor();
  await waitUntilSaved(page);
  assert.deepEqual(
    (await storedModule("removals")).draft.lessons.map((l) => l.title),
    ["Notice", "Ask", "Reflect"],
  );

  await page.locator("#q-quiz-0 > summary").click();
  await page.getByRole("button", { name: "Remove question (question 1)" }).click();
  await page
    .getByRole("dialog", { name: "Remove question 1?" })
    .getByRole("button", { name: "Remove question" })
    .click();
  // The removal lands after the dialog's promise settles; until then the editor still reads "saved".
  await page.locator("#editor-announcer", { hasText: "Question 1 removed" }).waitFor();
  await waitUntilSaved(page);
  assert.equal((await storedModule("removals")).draft.quiz[0]?.id, "q-2");
  assert.deepEqual(problems, []);
  await page.context().close();
});

test("archiving from the module list asks first", async () => {
  await seedModule(smallDraft("to-archive"));
  const page = await signedInPage(rig, { email: "arc@example.com" });
  const problems = watchForProblems(page);
  await page.goto(`${rig.app.baseUrl}/admin/modules`);
  const archive = page.getByRole("button", { name: "Archive Module to-archive" });

  await archive.click();
  const dialog = page.getByRole("dialog", { name: "Archive “Module to-archive”?" });
  assert.match((await dialog.textContent()) ?? "", /Nothing is deleted/);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  assert.equal((await storedModule("to-archive")).archived, false);

  await archive.click();
  await dialog.getByRole("button", { name: "Archive" }).click();
  await page.waitForURL(/\/admin\/modules$/);
  await page.locator('tr[data-slug="to-archive"]').waitFor({ state: "detached" });
  assert.equal((await storedModule("to-archive")).archived, true);
  assert.deepEqual(problems, []);
  await page.context().close();
});
