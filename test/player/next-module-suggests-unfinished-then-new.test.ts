import assert from "node:assert/strict";
import { test } from "node:test";
import type { CatalogEntry } from "../../server/player/catalog.ts";
import { nextModuleAfter } from "../../server/player/next-module.ts";
import type { Standing } from "../../server/progress/present-standing.ts";

// The end screen's "Next module": finishing one already started beats starting a new one;
// a module already done, and the one just played, are never suggested.

const entry = (slug: string, standing: Partial<Standing> | null): CatalogEntry => ({
  slug,
  title: slug,
  summary: "",
  minutes: 5,
  topics: [],
  lessonCount: 3,
  cover: "",
  standing: standing === null ? null : ({ done: false, ...standing } as Standing),
});

test("a started, unfinished module comes before one not started", () => {
  const catalog = [entry("a", null), entry("b", { done: false }), entry("here", null)];
  assert.equal(nextModuleAfter("here", catalog)?.slug, "b");
});

test("with nothing started, the first module in catalog order that is not this one", () => {
  const catalog = [entry("here", null), entry("b", null), entry("c", null)];
  assert.equal(nextModuleAfter("here", catalog)?.slug, "b");
});

test("done modules are skipped, and with everything done there is no suggestion", () => {
  const catalog = [entry("a", { done: true }), entry("b", null), entry("here", { done: false })];
  assert.equal(nextModuleAfter("here", catalog)?.slug, "b");
  assert.equal(nextModuleAfter("here", [entry("a", { done: true }), entry("here", null)]), null);
});
