import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { Module } from "../../server/content/module-model.ts";
import {
  type AuthoringRig,
  signedInPage,
  startAuthoringRig,
  storedModule,
  watchForProblems,
} from "../helpers/authoring-driver.ts";

// Pasted article text is converted and shown for the author to check (lessons, slug), becomes
// a draft under the confirmed slug, and the author lands in its editor; a zip that is not a
// courses folder is refused with its problems listed.

const storedModuleCount = () => Module.countDocuments();

let rig: AuthoringRig;
before(async () => {
  rig = await startAuthoringRig(import.meta.url);
});
after(async () => {
  await rig.stop();
});

const ARTICLE = `# Listening at work

Listening well is a skill that people can practise every day at work.

## Notice the whole message

People say more than their words. Watch for tone and pace.

- Pause before you answer.
- Repeat back what you heard.

## Ask one more question

Before offering advice, ask one more question to understand the situation.
`;

test("an article becomes a draft in the editor; a bad zip lists its problems", async () => {
  const page = await signedInPage(rig, { email: "ivy@example.com" });
  const problems = watchForProblems(page);
  await page.goto(`${rig.app.baseUrl}/admin/modules`);
  await page.getByRole("link", { name: "Import a module" }).click();

  await page.getByLabel("Zip file").setInputFiles({
    name: "not-a-course.zip",
    mimeType: "application/zip",
    buffer: Buffer.from("this is not a zip file"),
  });
  await page.getByRole("button", { name: "Import zip" }).click();
  const box = page.locator("#zip-problems");
  await box.waitFor();
  assert.ok(((await box.locator("li").count()) ?? 0) >= 1, "at least one problem is listed");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "zip-problems");

  await page.getByLabel("Module title (optional)").fill("Listening at work");
  await page.getByRole("textbox", { name: "Article text" }).fill(ARTICLE);
  await page.getByRole("button", { name: "Convert article" }).click();
  // What the import will create is shown first, with the slug to confirm; nothing is saved yet.
  const check = page.locator("#article-preview");
  await check.waitFor();
  assert.deepEqual(await check.locator("#preview-lessons li").allTextContents(), [
    "Introduction (1 min)",
    "Notice the whole message (1 min)",
    "Ask one more question (1 min)",
  ]);
  assert.equal(await page.getByLabel("Slug").inputValue(), "listening-work");
  assert.equal(await storedModuleCount(), 0);
  await page.getByLabel("Slug").fill("listening-at-work");
  await page.getByRole("button", { name: "Create draft" }).click();
  await page.waitForURL(
    (url) =>
      /^\/admin\/modules\/[a-z0-9-]+$/.test(url.pathname) && !url.pathname.endsWith("/import"),
  );
  const slug = new URL(page.url()).pathname.split("/").pop() ?? "";
  assert.equal(slug, "listening-at-work");
  await page.locator("#f-title").waitFor();
  const stored = await storedModule(slug);
  assert.equal(await page.locator("#f-title").inputValue(), stored.draft.title);
  assert.ok(stored.draft.lessons.length >= 2, "headings became lessons");
  assert.ok(
    stored.draft.lessons.every((l) => l.checks.length === 1),
    "a knowledge check in every lesson",
  );
  assert.equal(stored.publishedVersion, 0, "an import is never published");
  assert.deepEqual(problems, []);
  await page.context().close();
});
