import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { LEARNER_CACHES } from "../../public/sw/src/offline-rules.ts";
import type { ModuleContent, Question } from "../../server/content/module-schema.ts";
import { launchBrowser } from "../helpers/browser.ts";
import {
  answerCheck,
  attemptIdOf,
  createLearner,
  eventually,
  next,
  openFromCatalog,
  pageTitle,
  publishedContent,
  readAttempt,
  saveStatus,
  scoFrame,
  signIn,
  waitUntilSaved,
} from "../helpers/player-driver.ts";
import { type RestartableApp, startRestartableApp } from "../helpers/player-restartable-app.ts";

// The installable app: the manifest and icons are served and linked, the service worker registers
// and controls the pages, and a learner whose connection drops after the first lesson reloads
// the player, reads the next lesson and answers its check with no network at all; the answers
// reach the attempt when the connection returns. Another learner signing in on the same browser
// gets none of the first one's kept pages.

let app: RestartableApp;
let browser: Browser;
let trust: ModuleContent;

before(async () => {
  app = await startRestartableApp(import.meta.url);
  [trust, browser] = await Promise.all([publishedContent("trust"), launchBrowser()]);
});
after(async () => {
  await browser?.close();
  await app?.stop();
});

function check(lessonIndex: number, checkIndex: number): Question {
  const q = trust.lessons[lessonIndex]?.checks[checkIndex];
  assert.ok(q, `lesson ${lessonIndex + 1} has check ${checkIndex + 1}`);
  return q;
}

const lessonKey = (index: number) => `lesson/${trust.lessons[index]?.id}`;
const suspended = (suspendData: string | null | undefined) =>
  JSON.parse(suspendData || "{}") as { a?: Record<string, string> };

/** Width and height from a PNG's header. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  assert.equal(bytes.subarray(1, 4).toString("latin1"), "PNG", "a PNG file");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Waits until the service worker is active and controls this page; returns its script URL. */
async function controllingWorker(page: Page): Promise<string> {
  // Installing precaches the app shell first, which takes a while on a busy machine.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  const controlled = () =>
    page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      timeout: 5_000,
    });
  // A page whose navigation started before the worker was active (the dashboard, when it
  // activates during the sign-in post) is not claimed; the next page the learner opens is.
  await controlled().catch(async () => {
    await page.reload();
    await controlled();
  });
  return page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? "");
}

/** The URLs (path and query) kept in a cache of this origin. */
async function cachedPaths(page: Page, cacheName: string): Promise<string[]> {
  return page.evaluate(async (name) => {
    if (!(await caches.has(name))) return [];
    const keys = await (await caches.open(name)).keys();
    return keys.map((r) => new URL(r.url).pathname);
  }, cacheName);
}

async function phone(): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 390, height: 844 } });
}

test("the manifest and icons are served and linked, and the service worker registers", async () => {
  const email = "ines@example.com";
  await createLearner(email);
  const context = await phone();
  const page = await context.newPage();
  await signIn(page, app.baseUrl, email);

  assert.equal(
    await page.locator('link[rel="manifest"]').getAttribute("href"),
    "/manifest.webmanifest",
  );
  const res = await page.request.get(`${app.baseUrl}/manifest.webmanifest`);
  assert.equal(res.status(), 200);
  assert.match(res.headers()["content-type"] ?? "", /^application\/manifest\+json/);
  const manifest = (await res.json()) as {
    name: string;
    short_name: string;
    start_url: string;
    display: string;
    theme_color: string;
    background_color: string;
    icons: { src: string; sizes: string; type: string; purpose: string }[];
  };
  assert.equal(manifest.name, "Rapport");
  assert.equal(manifest.start_url, "/dashboard");
  assert.equal(manifest.display, "standalone");
  assert.match(manifest.theme_color, /^#[0-9a-f]{6}$/);
  const pngs = manifest.icons.filter((i) => i.type === "image/png");
  assert.deepEqual(pngs.map((i) => `${i.sizes} ${i.purpose}`).sort(), [
    "192x192 any",
    "512x512 any",
    "512x512 maskable",
  ]);
  for (const icon of pngs) {
    const file = await page.request.get(`${app.baseUrl}${icon.src}`);
    assert.equal(file.status(), 200, icon.src);
    const { width, height } = pngSize(await file.body());
    assert.equal(`${width}x${height}`, icon.sizes, `${icon.src} is as big as it says`);
  }

  const sw = await page.request.get(`${app.baseUrl}/sw.js`);
  assert.equal(sw.status(), 200);
  assert.equal(sw.headers()["service-worker-allowed"], "/");
  assert.equal(sw.headers()["cache-control"], "no-cache");
  assert.match(sw.headers()["content-type"] ?? "", /javascript/);
  assert.equal(await controllingWorker(page), `${app.baseUrl}/sw.js`);
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  assert.equal(scope, `${app.baseUrl}/`);
  // The app shell is kept at install: styles, the player's scripts, the offline page.
  const shell = await page.evaluate(async () => {
    const names = await caches.keys();
    const precache = names.find((n) => n.includes("precache"));
    if (!precache) return [];
    return (await (await caches.open(precache)).keys()).map((r) => new URL(r.url).pathname);
  });
  for (const path of ["/css/site.css", "/js/player-host.js", "/offline.html", "/pwa/app.js"])
    assert.ok(shell.includes(path), `${path} is precached (${shell.join(", ")})`);
  assert.ok(shell.includes("/vendor/scorm-again/scorm2004.min.js"));
  // The CSP stays strict: nothing had to be loosened for the worker or the manifest.
  const csp = sw.headers()["content-security-policy"] ?? "";
  assert.match(csp, /default-src 'self'/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  await context.close();
});

test("offline after the first lesson: the learner reopens the module, reads the next lesson, answers a check, and it is saved on reconnecting", async () => {
  const email = "tomas@example.com";
  await createLearner(email);
  const context = await phone();
  let page = await context.newPage();
  await signIn(page, app.baseUrl, email);
  await controllingWorker(page);
  const attemptId = await openFromCatalog(page, app.baseUrl, trust.title, "Start");
  const playerUrl = page.url();
  // Lesson 1 is read and its check answered online; the server has it.
  await answerCheck(scoFrame(page), check(0, 0), true);
  await waitUntilSaved(page);
  const before = await readAttempt(attemptId);
  assert.ok(before && before.seq > 0);
  // The phone's browser discards the tab (no unload, so no last commit): the kept copy of the
  // player page is the one fetched when the module was opened, older than the server's state.
  const cdp = await context.newCDPSession(page);
  const crashed = page.waitForEvent("crash");
  // The answer never comes: the page it would come from is gone.
  void cdp.send("Page.crash").catch(() => undefined);
  await crashed;
  await page.close();

  // The network is switched off for the browser. The server is stopped as well: Chromium lets a
  // keepalive request sent as a page unloads past its offline emulation, and a real phone that
  // has lost its connection sends nothing at all.
  await app.pause();
  await context.setOffline(true);
  try {
    // The learner opens the module again: the kept player page, its scripts and the module's
    // bundle come from the service worker.
    page = await context.newPage();
    await page.goto(playerUrl);
    assert.equal(attemptIdOf(page), attemptId);
    assert.equal(await pageTitle(page), trust.lessons[0]?.title);
    assert.equal(
      await scoFrame(page).getByTestId("q-trust-slip-c").isChecked(),
      true,
      "the answer given online is still shown",
    );
    assert.equal(await next(page), trust.lessons[1]?.title, "the next lesson is readable offline");
    await answerCheck(scoFrame(page), check(1, 0), true);
    await page.locator('#save-status[data-state="offline"]').waitFor({ timeout: 10_000 });
    assert.match((await saveStatus(page)).text, /kept on this device/);
    const meanwhile = await readAttempt(attemptId);
    assert.equal(meanwhile?.seq, before.seq, "nothing reached the server while offline");

    // A kept learner page opens offline; a page never kept shows the offline page.
    const other = await context.newPage();
    await other.goto(`${app.baseUrl}/dashboard`);
    assert.equal(await other.locator("h1").first().textContent(), "My learning");
    await other.goto(`${app.baseUrl}/account/settings`);
    assert.equal(await other.locator("h1").textContent(), "You are offline");
    const { violations } = await new AxeBuilder({ page: other }).analyze();
    assert.deepEqual(
      violations.map((v) => v.id),
      [],
      "the offline page has no axe violations",
    );
    await other.close();
  } finally {
    await app.resume();
    await context.setOffline(false);
  }
  const delivered = await eventually(
    "the answers given offline are in the attempt after reconnecting",
    () => readAttempt(attemptId),
    (a) =>
      a?.location === lessonKey(1) &&
      suspended(a.suspendData).a?.["promise-risk"] === "b" &&
      a.interactions.some((i) => i.id === "check-promise-risk" && i.result === "correct"),
    20_000,
  );
  assert.deepEqual(
    delivered?.interactions.map((i) => [i.id, i.result]),
    [
      ["check-trust-slip", "correct"],
      ["check-promise-risk", "correct"],
    ],
  );
  assert.equal(suspended(delivered?.suspendData).a?.["trust-slip"], "c");
  await waitUntilSaved(page);
  assert.equal(page.url(), playerUrl);
  await context.close();
});

test("another learner signing in on the same browser gets none of the first one's kept pages", async () => {
  await createLearner("ana@example.com");
  await createLearner("ben@example.com");
  const context = await phone();
  const page = await context.newPage();
  await signIn(page, app.baseUrl, "ana@example.com");
  await controllingWorker(page);
  await openFromCatalog(page, app.baseUrl, trust.title, "Start");
  const anasPlayer = page.url();
  await answerCheck(scoFrame(page), check(0, 0), true);
  await waitUntilSaved(page);
  const keptForAna = await cachedPaths(page, LEARNER_CACHES.pages);
  assert.ok(keptForAna.includes(new URL(anasPlayer).pathname), "Ana's player page was kept");
  assert.ok((await cachedPaths(page, LEARNER_CACHES.bundles)).length > 0, "and her bundle");

  await page.goto(`${app.baseUrl}/dashboard`);
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/login$/);
  assert.deepEqual(await cachedPaths(page, LEARNER_CACHES.pages), [], "signing out empties it");
  assert.deepEqual(await cachedPaths(page, LEARNER_CACHES.bundles), []);
  const savedCopies = await page.evaluate(() =>
    Object.keys(localStorage).filter((k) => k.startsWith("rapport:saved:")),
  );
  assert.deepEqual(savedCopies, [], "and the player's copies of her progress");

  await signIn(page, app.baseUrl, "ben@example.com");
  await context.setOffline(true);
  try {
    await page.goto(anasPlayer);
    assert.equal(await page.locator("h1").textContent(), "You are offline");
    await page.goto(`${app.baseUrl}/modules/trust`);
    assert.equal(await page.locator("h1").textContent(), "You are offline");
  } finally {
    await context.setOffline(false);
  }

  // Without signing out (her session ended some other way), Ben signing in clears it too.
  await page.goto(`${app.baseUrl}/dashboard`);
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/login$/);
  await signIn(page, app.baseUrl, "ana@example.com");
  await page.goto(anasPlayer);
  await scoFrame(page).getByTestId("page-title").waitFor();
  assert.ok((await cachedPaths(page, LEARNER_CACHES.pages)).length > 0);
  await context.clearCookies();
  await signIn(page, app.baseUrl, "ben@example.com");
  const keptForBen = await cachedPaths(page, LEARNER_CACHES.pages);
  assert.deepEqual(keptForBen, ["/dashboard"], "only Ben's own dashboard is kept");
  await context.close();
});
