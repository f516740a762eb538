import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  type AuthoringRig,
  seedModule,
  signedInPage,
  smallDraft,
  startAuthoringRig,
  waitUntilSaved,
  watchForProblems,
} from "../helpers/authoring-driver.ts";

// Script and event-handler payloads in lesson Markdown never run: not in the editor's live
// preview, not in the preview player. Any dialog fails the test (watchForProblems records it).

const PAYLOAD = [
  "Safe words first.",
  "",
  "<script>alert(1)</script>",
  "",
  "<img src=x onerror=alert(1)>",
  "",
  "[x](javascript:alert(1)) and [ok](https://example.org/)",
].join("\n");

let rig: AuthoringRig;
before(async () => {
  rig = await startAuthoringRig(import.meta.url);
});
after(async () => {
  await rig.stop();
});

/** Markup that could run code: any script (except the bundle's own), handler or js: link. */
const dangerous = (root: Document | Element) =>
  [
    ...root.querySelectorAll('script:not([src="sco.js"]):not([type="application/json"])'),
    ...root.querySelectorAll("[onerror], [onload], [onclick]"),
    ...root.querySelectorAll('[href^="javascript" i], [src^="javascript" i]'),
    ...root.querySelectorAll("img, iframe, object, embed"),
  ].map((el) => el.outerHTML);

test("script and handler payloads are neutralized in the live preview and the preview player", async () => {
  await seedModule(smallDraft("xss-module", ["Hostile lesson"]));
  const page = await signedInPage(rig, { email: "mallory@example.com" });
  const problems = watchForProblems(page);
  await page.goto(`${rig.app.baseUrl}/admin/modules/xss-module`);

  await page.locator("#f-lessons-0-markdown").fill(PAYLOAD);
  const livePreview = page.locator('[data-preview-for="lessons.0"]');
  await livePreview.locator('a[href="https://example.org/"]').waitFor();
  assert.deepEqual(await livePreview.evaluate(dangerous), []);
  assert.match((await livePreview.textContent()) ?? "", /Safe words first\.[\s\S]*x and ok/);
  await waitUntilSaved(page);

  const preview = await page.context().newPage();
  const previewProblems = watchForProblems(preview);
  await preview.goto(`${rig.app.baseUrl}/admin/modules/xss-module/preview`);
  const frame = preview.frameLocator("#sco-frame");
  assert.equal(await frame.getByTestId("page-title").textContent(), "Hostile lesson");
  await frame.locator("text=Safe words first.").waitFor();
  const bundle = preview.frames().find((f) => f.url().endsWith("/preview/bundle/index.html"));
  assert.ok(bundle, "the bundle frame loaded");
  assert.deepEqual(
    await bundle.evaluate(() => {
      const root = document.getElementById("sco-app") ?? document.body;
      return [
        ...root.querySelectorAll("script"),
        ...document.querySelectorAll("[onerror], [onload], [onclick], img, iframe, object, embed"),
        ...document.querySelectorAll('[href^="javascript" i]'),
      ].map((el) => el.outerHTML);
    }),
    [],
  );
  // Give a late image error or timer the chance to fire before declaring victory.
  await preview.waitForTimeout(300);
  assert.deepEqual(previewProblems, []);
  assert.deepEqual(problems, []);
  await page.context().close();
});
