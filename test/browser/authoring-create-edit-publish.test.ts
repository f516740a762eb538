import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { Attempt } from "../../server/runtime/attempt-model.ts";
import {
  type AuthoringRig,
  signedInPage,
  startAuthoringRig,
  storedModule,
  waitUntilSaved,
  watchForProblems,
} from "../helpers/authoring-driver.ts";

// The whole authoring path in a browser: create on the list page and land in the new module's
// editor, write two lessons and a quiz of three question types, play the draft in the preview
// player (which records nothing), find that placeholder text left in blocks publishing with a
// message at its field, publish v1 and see it on the list, then change an option and see it in
// the diff of the two versions.

let rig: AuthoringRig;
before(async () => {
  rig = await startAuthoringRig(import.meta.url);
});
after(async () => {
  await rig.stop();
});

test("an author creates, edits, previews and publishes a module", async () => {
  const page = await signedInPage(rig, { email: "ann@example.com" });
  const problems = watchForProblems(page);
  const base = rig.app.baseUrl;

  await page.goto(`${base}/admin/modules`);
  // The slug follows the title as it is typed, so it is in view before anything is created.
  await page.getByLabel("Title", { exact: true }).fill("Giving feedback well");
  assert.equal(await page.getByLabel("Slug", { exact: true }).inputValue(), "giving-feedback-well");
  await page.getByRole("button", { name: "Create module" }).click();
  // Create lands in the new module's editor.
  await page.waitForURL(/\/admin\/modules\/giving-feedback-well$/);
  await page.locator("#f-title").waitFor();
  assert.equal(await page.locator("#f-title").inputValue(), "Giving feedback well");
  // Template text is shown as a prompt to rewrite, without its placeholder mark.
  assert.equal(
    await page.locator("#f-lessons-0-markdown").inputValue(),
    "Write this lesson here. Markdown works: **bold**, *italic*, lists and [links](https://example.com).",
  );
  assert.match(
    (await page.locator("#hints-text").textContent()) ?? "",
    /^8 pieces of placeholder text to rewrite before publishing/,
  );

  // Lesson 1 from the template, lesson 2 added.
  await page.locator("#f-lessons-0-title").fill("Start with the facts");
  await page.locator("#f-lessons-0-markdown").fill("Describe **what happened**, not the person.");
  await page.getByRole("button", { name: "Add lesson" }).click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), "f-lessons-1-title");
  await page.locator("#f-lessons-1-title").fill("Ask before you advise");
  await page.locator("#f-lessons-1-markdown").fill("## Questions first\n\n- What did you notice?");
  await page.locator('[data-preview-for="lessons.1"] h2').waitFor();
  assert.equal(
    await page.locator('[data-preview-for="lessons.1"] h2').textContent(),
    "Questions first",
  );

  // The template's single-choice question, rewritten.
  await page.locator("#q-quiz-0 > summary").click();
  await page.locator("#f-quiz-0-prompt").fill("What should feedback describe first?");
  await page.locator("#f-quiz-0-options-0-text").fill("The facts you saw");
  await page.locator("#f-quiz-0-options-1-text").fill("Your opinion of the person");

  await page.locator("#type-quiz").selectOption("true-false");
  await page.locator("#add-quiz").click();
  await page.locator("#f-quiz-1-prompt").fill("Advice lands better after a question.");
  await page.locator("#f-quiz-1-answer-true").check();

  await page.locator("#type-quiz").selectOption("matching");
  await page.locator("#add-quiz").click();
  await page.locator("#f-quiz-2-prompt").fill("Match each step to its purpose.");
  await page.locator("#f-quiz-2-pairs-0-left").fill("Observe");
  await page.locator("#f-quiz-2-pairs-0-right").fill("Collect facts");
  await page.locator("#f-quiz-2-pairs-1-left").fill("Ask");
  await page.locator("#f-quiz-2-pairs-1-right").fill("Hear their view");
  // Ids are made by Rapport, one per question, never the same twice.
  assert.deepEqual(
    await page
      .locator('[id^="f-quiz-"][id$="-id"]')
      .evaluateAll((els) => els.map((el) => (el as HTMLInputElement).value)),
    ["question-1", "q-1", "q-2"],
  );

  await waitUntilSaved(page);
  const saved = await storedModule("giving-feedback-well");
  assert.deepEqual(
    saved.draft.lessons.map((l) => l.title),
    ["Start with the facts", "Ask before you advise"],
  );
  assert.deepEqual(
    saved.draft.quiz.map((q) => q.type),
    ["single", "true-false", "matching"],
  );
  assert.equal(
    saved.draft.quiz[2]?.type === "matching" && saved.draft.quiz[2].pairs[1]?.right,
    "Hear their view",
  );

  // Preview in a new tab: the real player runs the draft, and nothing reaches the runtime API.
  const [preview] = await Promise.all([
    page.context().waitForEvent("page"),
    page.getByRole("link", { name: /Preview/ }).click(),
  ]);
  const previewProblems = watchForProblems(preview);
  const runtimeCalls: string[] = [];
  preview.on("request", (r) => {
    if (r.url().includes("/api/attempts")) runtimeCalls.push(r.url());
  });
  await preview.waitForLoadState();
  assert.equal(
    await preview.getByTestId("preview-banner").textContent(),
    "Preview — nothing is recorded",
  );
  const frame = preview.frameLocator("#sco-frame");
  assert.equal(await frame.getByTestId("page-title").textContent(), "Start with the facts");
  assert.match((await frame.locator("nav.sco-nav").textContent()) ?? "", /Ask before you advise/);
  await frame.getByTestId("next").click();
  assert.equal(await frame.getByTestId("page-title").textContent(), "Ask before you advise");
  await preview.close();
  assert.deepEqual(runtimeCalls, []);
  assert.equal(await Attempt.countDocuments(), 0, "previewing creates no Attempt");
  assert.deepEqual(previewProblems, []);

  // The summary and several feedback texts are still the template's: publishing is refused, and
  // focus goes to the first of them, whose message is tied to the field.
  assert.equal(await page.locator("[data-published-only]").first().isVisible(), false);
  await page.getByLabel("What changed (optional note)").fill("First version");
  await page.getByRole("button", { name: "Publish" }).click();
  await page
    .locator("#publish-status", { hasText: /^Not published: \d+ pieces of placeholder text/ })
    .waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), "f-summary");
  assert.match(
    await page.locator("#f-summary").evaluate((el) =>
      (el.getAttribute("aria-describedby") ?? "")
        .split(" ")
        .map((id) => document.getElementById(id)?.textContent ?? "")
        .join(" "),
    ),
    /placeholder text from Rapport/,
  );
  assert.equal((await storedModule("giving-feedback-well")).publishedVersion, 0);
  // Each question's one-line summary says how many to-dos it holds.
  assert.match((await page.locator("#q-quiz-1 > summary").textContent()) ?? "", /· 2 hints/);

  // Rewrite the summary; keep the feedback stubs on purpose.
  await page.locator("#f-summary").fill("Feedback people can use: facts first, then a question.");
  const keep = page.getByRole("button", { name: /^Keep this text/ });
  while ((await keep.count()) > 0) await keep.first().click();
  await waitUntilSaved(page);
  // No to-do is left; the linter's advice may stay (a "Hint" never blocks publishing).
  assert.deepEqual(await page.locator(".hint-note:not(.hint-note--advice)").allTextContents(), []);
  assert.doesNotMatch((await page.locator("#hints-text").textContent()) ?? "", /placeholder/);
  await page.getByRole("button", { name: "Publish" }).click();
  await page.locator("#publish-status", { hasText: "Published version 1." }).waitFor();
  assert.equal(await page.getByRole("link", { name: "SCORM 2004 package" }).isVisible(), true);
  assert.equal(await page.locator("#f-slug").getAttribute("readonly"), "");
  await page.goto(`${base}/admin/modules`);
  const row = page.locator('tr[data-slug="giving-feedback-well"]');
  assert.equal((await row.getByTestId("status").textContent())?.trim(), "published v1");

  // A second version, and the history shows what changed between them with <ins>/<del>: the
  // lesson as learners read it, and the question option that was rewritten.
  await page.goto(`${base}/admin/modules/giving-feedback-well`);
  await page.locator("#toggle-lessons-0").click();
  await page.locator("#f-lessons-0-markdown").fill("Describe **what you saw**, not the person.");
  await page.locator("#q-quiz-0 > summary").click();
  await page.locator("#f-quiz-0-options-1-text").fill("Your opinion of their character");
  await waitUntilSaved(page);
  await page.getByRole("button", { name: "Publish" }).click();
  await page.locator("#publish-status", { hasText: "Published version 2." }).waitFor();
  await page.getByRole("link", { name: "Version history" }).click();
  assert.match(
    (await page.locator("tbody").textContent()) ?? "",
    /v2[\s\S]*v1[\s\S]*ann[\s\S]*First version/,
  );
  await page.getByRole("button", { name: "Show changes" }).click();
  await page.waitForURL(/\/versions\/diff\?from=1&to=2$/);
  const changed = page.locator("section", { hasText: "Start with the facts" });
  const rendered = changed.locator(".diff--rendered");
  assert.match((await rendered.locator("del").allTextContents()).join(" "), /happened/);
  assert.match((await rendered.locator("ins").allTextContents()).join(" "), /saw/);
  assert.equal(await rendered.locator("strong").count(), 1, "Markdown is rendered, not raw");
  const question = page.locator("section", { hasText: "What should feedback describe first?" });
  assert.match((await question.locator("dt").allTextContents()).join(" "), /Option 2/);
  assert.match((await question.locator("del").allTextContents()).join(" "), /person/);
  assert.match((await question.locator("ins").allTextContents()).join(" "), /character/);
  assert.deepEqual(problems, []);
  await page.context().close();
});
