import assert from "node:assert/strict";
import { test } from "node:test";
import { moduleCover } from "../../server/player/module-cover.ts";

// A module's cover comes from its topic and title alone: the same picture every time, a different
// one for another title, colours shared by a topic, a few hundred bytes, no image to fetch, and
// hidden from screen readers (the title beside it says it all).

const trust = { title: "Building and repairing trust at work", topic: "trust" };

test("the same module always gets the same cover; another title gets another", () => {
  assert.equal(moduleCover(trust), moduleCover({ ...trust }));
  assert.notEqual(moduleCover(trust), moduleCover({ ...trust, title: "Trust, take two" }));
});

test("the topic sets the background colour, the title the shapes", () => {
  const background = (svg: string) =>
    svg.match(/<rect width="320" height="120" fill="([^"]+)"/)?.[1];
  const other = moduleCover({ title: "Another title entirely", topic: "trust" });
  assert.equal(background(other), background(moduleCover(trust)));
  assert.notEqual(
    background(moduleCover({ ...trust, topic: "conflict" })),
    background(moduleCover(trust)),
  );
});

test("a cover is small inline SVG, decorative, and fetches nothing", () => {
  for (const title of ["A", "Handling conflict constructively", "x".repeat(200)]) {
    const svg = moduleCover({ title, topic: "communication" });
    assert.ok(svg.length < 1500, `${svg.length} bytes`);
    assert.match(svg, /^<svg [^>]*aria-hidden="true"[^>]*focusable="false"/);
    assert.doesNotMatch(svg, /href|url\(|<image|<script/i);
  }
});
