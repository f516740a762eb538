import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser } from "playwright-core";
import type { ModuleContent } from "../../server/content/module-schema.ts";
import { launchBrowser } from "../helpers/browser.ts";
import {
  createLearner,
  eventually,
  next,
  openFromCatalog,
  pageTitle,
  publishedContent,
  readAttempt,
  saveStatus,
  signIn,
  waitUntilSaved,
} from "../helpers/player-driver.ts";
import { startTestApp } from "../helpers/test-app.ts";

// One attempt open in two windows: the window that falls behind is told so and sends nothing
// over the other's acknowledged progress.
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

test("the window that falls behind says so and never overwrites the newer one", async () => {
  await createLearner("wen@example.com");
  const context = await browser.newContext();
  const first = await context.newPage();
  await signIn(first, app.baseUrl, "wen@example.com");
  const attemptId = await openFromCatalog(first, app.baseUrl, trust.title, "Start");
  await next(first);
  await waitUntilSaved(first);

  const second = await context.newPage();
  assert.equal(await openFromCatalog(second, app.baseUrl, trust.title, "Resume"), attemptId);
  assert.equal(await pageTitle(second), trust.lessons[1]?.title);
  await next(second);
  await waitUntilSaved(second);
  const ahead = await readAttempt(attemptId);
  assert.equal(ahead?.location, `lesson/${trust.lessons[2]?.id}`);

  // The first window still shows lesson 2 and moves on from its older view.
  await first.bringToFront();
  await next(first);
  const warned = await eventually(
    "the first window is warned",
    () => saveStatus(first),
    (status) => status.state === "error",
  );
  assert.match(warned.text, /continued in another window/);
  const after = await readAttempt(attemptId);
  assert.equal(after?.seq, ahead?.seq, "nothing from the outdated window was stored");
  assert.equal(after?.location, ahead?.location);
  await context.close();
});
