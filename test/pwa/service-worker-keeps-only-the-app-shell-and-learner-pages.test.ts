import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, test } from "node:test";
import {
  changesWhoIsSignedIn,
  isLearnerPage,
  isModuleBundle,
} from "../../public/sw/src/offline-rules.ts";
import { appShell } from "../../server/pwa/app-shell.ts";
import { startTestApp } from "../helpers/test-app.ts";

// What the service worker may keep, and that what it precaches is really served: one missing
// file would stop the worker from installing at all.

let app: Awaited<ReturnType<typeof startTestApp>>;
before(async () => {
  app = await startTestApp(import.meta.url);
});
after(async () => {
  await app.stop();
});

test("only a learner's reading pages are kept; admin, account, sign-in and API never", () => {
  for (const path of [
    "/dashboard",
    "/catalog",
    "/modules/trust",
    "/attempts/0123456789abcdef01234567/play",
    "/review",
    "/review/lessons/trust/trust-slip",
  ])
    assert.equal(isLearnerPage(path), true, path);
  for (const path of [
    "/admin/modules",
    "/admin/modules/trust/edit",
    "/admin/outbox",
    "/account/settings",
    "/login",
    "/logout",
    "/register",
    "/setup",
    "/review/answered/0123456789abcdef01234567",
    "/api/attempts/0123456789abcdef01234567/commit",
    "/modules/trust/attempts",
    "/reset-password/abc",
    "/unsubscribe/abc",
  ])
    assert.equal(isLearnerPage(path), false, path);
  assert.equal(isModuleBundle("/bundles/0123456789abcdef01234567/index.html"), true);
  assert.equal(isModuleBundle("/bundles/0123456789abcdef01234567/../x"), false);
  assert.equal(isModuleBundle("/admin/bundles/0123456789abcdef01234567/index.html"), false);
  assert.equal(changesWhoIsSignedIn("POST", "/logout"), true);
  assert.equal(changesWhoIsSignedIn("POST", "/login"), true);
  assert.equal(changesWhoIsSignedIn("GET", "/login"), false);
});

test("every app shell file is served signed out, with the bytes its revision names", async () => {
  const shell = appShell();
  assert.ok(shell.length >= 10);
  for (const entry of shell) {
    const res = await fetch(`${app.baseUrl}${entry.url}`);
    assert.equal(res.status, 200, entry.url);
    const bytes = Buffer.from(await res.arrayBuffer());
    const revision = createHash("sha256").update(bytes).digest("hex").slice(0, 16);
    assert.equal(revision, entry.revision, `${entry.url} matches its revision`);
    assert.equal(res.headers.get("set-cookie"), null, `${entry.url} starts no session`);
  }
  assert.ok(!shell.some((e) => /admin|editor/.test(e.url)), "no authoring files");
});

test("/sw.js carries the shell's list, is always revalidated and may control the whole site", async () => {
  const res = await fetch(`${app.baseUrl}/sw.js`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get("content-type") ?? "", /^text\/javascript/);
  assert.equal(res.headers.get("cache-control"), "no-cache");
  assert.equal(res.headers.get("service-worker-allowed"), "/");
  const script = await res.text();
  for (const entry of appShell()) assert.ok(script.includes(entry.revision), entry.url);
  assert.doesNotMatch(script, /__WB_MANIFEST|process\.env/, "build-time values were filled in");
  const etag = res.headers.get("etag") ?? "";
  const again = await fetch(`${app.baseUrl}/sw.js`, { headers: { "if-none-match": etag } });
  assert.equal(again.status, 304);
  assert.equal((await fetch(`${app.baseUrl}/pwa/nothing.js`)).status, 404);
});
