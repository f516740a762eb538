import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { AUTHORING_SCRIPTS } from "../../server/authoring/authoring-scripts.ts";
import { startTestApp } from "../helpers/test-app.ts";

let app: Awaited<ReturnType<typeof startTestApp>>;
before(async () => {
  app = await startTestApp(import.meta.url);
});
after(async () => {
  await app.stop();
});

test("each authoring page's script is one classic bundle, always revalidated by its ETag", async () => {
  assert.deepEqual([...AUTHORING_SCRIPTS.names].sort(), [
    "editor-import.js",
    "editor-modules.js",
    "editor-users.js",
    "editor.js",
  ]);
  for (const name of AUTHORING_SCRIPTS.names) {
    const res = await fetch(`${app.baseUrl}/js/${name}`);
    assert.equal(res.status, 200, name);
    assert.match(res.headers.get("content-type") ?? "", /^text\/javascript/, name);
    assert.equal(res.headers.get("cache-control"), "no-cache", name);
    const script = await res.text();
    // A classic script: the pages load it with <script defer>, not as a module.
    assert.doesNotMatch(script, /^\s*(import|export)\s/m, `${name} has no module syntax`);
    const etag = res.headers.get("etag") ?? "";
    assert.ok(etag, `${name} has an ETag`);
    const again = await fetch(`${app.baseUrl}/js/${name}`, { headers: { "if-none-match": etag } });
    assert.equal(again.status, 304, name);
  }
  assert.equal((await fetch(`${app.baseUrl}/js/nothing.js`)).status, 404);
});

test("the editor shares the server's content types without bundling the schema", () => {
  const { sources } = AUTHORING_SCRIPTS.get("editor.js");
  assert.ok(sources.includes("public/authoring/src/module-editor.ts"));
  const fromElsewhere = sources.filter((path) => !path.startsWith("public/authoring/src/"));
  // Names of question types are the one piece of server code the editor runs; the schema (zod,
  // marked, Node) stays on the server, its types shared through server/content/content-types.ts.
  assert.deepEqual(fromElsewhere, ["server/content/question-type-names.ts"]);
});
