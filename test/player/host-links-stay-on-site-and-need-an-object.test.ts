import assert from "node:assert/strict";
import { test } from "node:test";
import { safeNextPath } from "../../server/auth/guards.ts";
import { isLocalPath } from "../../server/http/local-path.ts";
import { isHostHello } from "../../server/player/host-messages.ts";

// The SCO's end screen opens the host's links with target _top, and sign-in follows ?next=: both
// must stay on this site whatever they are handed. A browser reads "\" as "/" and drops tabs and
// line breaks from a URL, so "/\evil.example" and "/<tab>/evil.example" both lead off-site.

const OFF_SITE = [
  "//evil.example",
  "/\\evil.example",
  "/\\/evil.example",
  "\\\\evil.example",
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r\n/evil.example",
  "/modules/x\\..\\..\\evil",
  "https://evil.example/",
  "javascript:alert(1)",
  "evil.example",
  "",
  " /dashboard",
];
const ON_SITE = ["/", "/dashboard", "/modules/trust", "/modules/trust/certificate?x=1#top"];

test("only a path on this site is a local path; a backslash or control character never is", () => {
  for (const url of OFF_SITE) assert.equal(isLocalPath(url), false, JSON.stringify(url));
  for (const url of ON_SITE) assert.equal(isLocalPath(url), true, url);
  for (const value of [null, undefined, 1, {}, ["/dashboard"]]) {
    assert.equal(isLocalPath(value), false, String(value));
  }
});

test("sign-in's next follows the same rule", () => {
  for (const url of OFF_SITE) assert.equal(safeNextPath(url), "/dashboard", JSON.stringify(url));
  for (const url of ON_SITE) assert.equal(safeNextPath(url), url);
});

test("a host hello needs its links as an object: null or a string is not one", () => {
  const links = { myLearningUrl: "/dashboard", nextModule: null, certificateUrl: null };
  assert.equal(isHostHello({ type: "rapport:host", links }), true);
  for (const bad of [null, undefined, "links", 3]) {
    assert.equal(isHostHello({ type: "rapport:host", links: bad }), false, String(bad));
  }
  assert.equal(isHostHello({ type: "rapport:ready", links }), false);
  assert.equal(isHostHello(null), false);
});
