import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startTestApp } from "../helpers/test-app.ts";

let app: Awaited<ReturnType<typeof startTestApp>>;
before(async () => {
  app = await startTestApp(import.meta.url);
});
after(async () => {
  await app.stop();
});

test("the player's scorm-again build and pages are sent compressed to browsers that accept it", async () => {
  const res = await fetch(`${app.baseUrl}/vendor/scorm-again/scorm2004.min.js`, {
    headers: { "accept-encoding": "gzip" },
  });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("content-encoding"), "gzip");
  const css = await fetch(`${app.baseUrl}/css/site.css`, {
    headers: { "accept-encoding": "gzip" },
  });
  assert.equal(css.headers.get("content-encoding"), "gzip");
});
