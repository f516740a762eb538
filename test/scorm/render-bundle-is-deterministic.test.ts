import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { deflateRawSync } from "node:zlib";
import { renderBundle, type ScoContent, toScoContent } from "../../server/scorm/render-bundle.ts";
import { fixtureModule, HOSTILE_TEXT } from "./sco-fixture.ts";

/** The same data with every object's keys in reverse order, as a database might return it. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value && typeof value === "object") {
    const entries = Object.entries(value).reverse();
    return Object.fromEntries(entries.map(([k, v]) => [k, reverseKeys(v)]));
  }
  return value;
}

const fileText = (files: { path: string; data: Buffer }[], path: string) => {
  const file = files.find((f) => f.path === path);
  assert.ok(file, `bundle has ${path}`);
  return file.data.toString("utf8");
};

const embeddedJson = (html: string) => {
  const match = /<script type="application\/json" id="sco-content">([\s\S]*?)<\/script>/.exec(html);
  assert.ok(match?.[1], "index.html embeds the content");
  return match[1];
};

describe("renderBundle", () => {
  it("renders the same bytes, in the same file order, from the same input", () => {
    const a = renderBundle(fixtureModule(), { version: 3, target: "any" });
    const b = renderBundle(fixtureModule(), { version: 3, target: "any" });
    assert.deepEqual(
      a.map((f) => f.path),
      ["index.html", "sco.js", "sco.css"],
    );
    for (const [i, file] of a.entries()) {
      assert.ok(file.data.equals(b[i]?.data ?? Buffer.alloc(0)), `${file.path} is byte-identical`);
    }
  });

  it("does not depend on the key order of the content it is given", () => {
    const content = fixtureModule();
    const a = renderBundle(content, { version: 1, target: "scorm12" });
    const b = renderBundle(reverseKeys(content) as typeof content, {
      version: 1,
      target: "scorm12",
    });
    assert.equal(fileText(a, "index.html"), fileText(b, "index.html"));
  });

  it("neutralises scripts, event handlers and javascript: links in author Markdown", () => {
    const files = renderBundle(fixtureModule(), { version: 1, target: "scorm2004" });
    const content = JSON.parse(embeddedJson(fileText(files, "index.html"))) as ScoContent;
    const lessonHtml = content.lessons[0]?.html ?? "";
    assert.match(lessonHtml, /<strong>small promises<\/strong>/);
    assert.doesNotMatch(lessonHtml, /<script|<img|onerror|href="javascript:/i);
    assert.doesNotMatch(lessonHtml, /pwned/, "the hostile markup is gone, not escaped into text");
    assert.match(lessonHtml, /href="https:\/\/example.org\/"/);
    assert.doesNotMatch(content.worksheet?.html ?? "", /<script/i);
    assert.equal("markdown" in (content.lessons[0] ?? {}), false, "only rendered HTML ships");
  });

  it("embeds content JSON that cannot close its script block or open a comment", () => {
    const files = renderBundle(fixtureModule(), { version: 7, target: "any" });
    const html = fileText(files, "index.html");
    const json = embeddedJson(html);
    assert.doesNotMatch(json, /<\/script|<!--|</i);
    // The only <script> elements are the runtime and the data block.
    assert.equal(html.match(/<script/g)?.length, 2);
    const parsed = JSON.parse(json) as ScoContent;
    assert.deepEqual(parsed, toScoContent(fixtureModule(), { version: 7, target: "any" }));
    assert.equal(parsed.summary.endsWith(HOSTILE_TEXT), true, "text survives the escaping intact");
    assert.equal(parsed.version, 7);
    assert.equal(parsed.target, "any");
  });

  it("writes an index.html that works under script-src 'self'", () => {
    const html = fileText(
      renderBundle(fixtureModule(), { version: 1, target: "any" }),
      "index.html",
    );
    assert.match(html, /<html lang="en">/);
    assert.match(html, /<meta name="viewport" content="width=device-width, initial-scale=1">/);
    assert.match(html, /<title>Trust at work \(fixture\)<\/title>/);
    assert.match(html, /<noscript>/);
    assert.match(html, /<link rel="stylesheet" href="sco.css">/);
    assert.match(html, /<script src="sco.js" defer><\/script>/);
    assert.doesNotMatch(html, /\son[a-z]+=|style=/i, "no inline handlers or styles");
  });

  it("stays small: a tiny module zips to a few tens of kilobytes, not megabytes", () => {
    const files = renderBundle(fixtureModule(), { version: 1, target: "any" });
    const size = (path: string) => files.find((f) => f.path === path)?.data.length ?? 0;
    // Bundled from TypeScript with whitespace minified: ~31 KB, 40 KB is the alarm.
    assert.ok(size("sco.js") < 40_000, `sco.js is ${size("sco.js")} bytes`);
    assert.ok(size("sco.css") < 15_000, `sco.css is ${size("sco.css")} bytes`);
    const deflated = files.reduce((sum, f) => sum + deflateRawSync(f.data, { level: 9 }).length, 0);
    assert.ok(deflated < 25_000, `the bundle deflates to ${deflated} bytes`);
  });
});
