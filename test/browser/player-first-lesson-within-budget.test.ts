import assert from "node:assert/strict";
import { test } from "node:test";
import {
  createLearner,
  openFromCatalog,
  pageTitle,
  signIn,
  waitUntilSaved,
} from "../helpers/player-driver.ts";
import { playerTestBed } from "../helpers/player-test-bed.ts";

// Issue 11's budget: opening the player on the first lesson, with nothing cached, moves at most
// 150 KB over the wire in at most 12 requests (everything: the page, its CSS and scripts,
// scorm-again, the bundle's three files, the first commit, the favicon). A size budget measured
// by Chromium's own byte counts (headers included), not a timing.

const BUDGET_BYTES = 150 * 1024;
const BUDGET_REQUESTS = 12;

const bed = playerTestBed(import.meta.url);

test("the first lesson view stays within 150 KB and 12 requests", async () => {
  const email = "budget@example.com";
  await createLearner(email);
  const setup = await bed.browser.newContext({ viewport: { width: 390, height: 844 } });
  const first = await setup.newPage();
  await signIn(first, bed.app.baseUrl, email);
  await openFromCatalog(first, bed.app.baseUrl, bed.trust.title, "Start");
  const playerUrl = first.url();
  await waitUntilSaved(first);
  const signedIn = await setup.storageState();
  await setup.close();

  // A fresh context: the same session cookie, an empty cache.
  const context = await bed.browser.newContext({
    viewport: { width: 390, height: 844 },
    storageState: signedIn,
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const requests = new Map<string, string>();
  const bytes = new Map<string, number>();
  cdp.on("Network.requestWillBeSent", (e) => {
    if (!e.request.url.startsWith("data:")) requests.set(e.requestId, e.request.url);
  });
  cdp.on("Network.loadingFinished", (e) => bytes.set(e.requestId, e.encodedDataLength));
  cdp.on("Network.loadingFailed", (e) => bytes.set(e.requestId, 0));
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });

  await page.goto(playerUrl);
  assert.equal(await pageTitle(page), bed.trust.lessons[0]?.title);
  await waitUntilSaved(page);
  await page.waitForLoadState("networkidle");

  const total = [...bytes.values()].reduce((sum, n) => sum + n, 0);
  const list = [...requests.entries()].map(
    ([id, url]) => `${url.replace(bed.app.baseUrl, "")} ${bytes.get(id) ?? "?"} B`,
  );
  console.log(
    `first lesson view: ${(total / 1024).toFixed(1)} KB in ${requests.size} requests\n  ${list.join("\n  ")}`,
  );
  assert.ok(requests.size >= 7, "the page, its CSS, scorm-again, the host and the bundle's files");
  assert.ok(
    requests.size <= BUDGET_REQUESTS,
    `${requests.size} requests (budget ${BUDGET_REQUESTS})`,
  );
  assert.ok(total <= BUDGET_BYTES, `${(total / 1024).toFixed(1)} KB (budget 150 KB)`);
  await context.close();
});
