import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { parse } from "yaml";
import { REPO_ROOT } from "../../server/config.ts";
import { LINT_RULES, lintModule } from "../../server/content/lint/lint-module.ts";
import { moduleContent } from "../../server/content/module-schema.ts";

const FIXTURES = join(REPO_ROOT, "test/fixtures/lint");

// Each fixture holds one rule's bad and good example: the lessons and quiz of a small module (the
// rest is filled in below), and the paths of the hints the bad one must get.
interface Fixture {
  expect: string[];
  bad: Record<string, unknown>;
  good: Record<string, unknown>;
}

const base = {
  slug: "lint-fixture",
  title: "Lint fixture",
  summary: "A small module that shows one assessment rule.",
  topics: ["testing"],
  minutes: 5,
  passMark: 80,
  lessons: [
    {
      id: "lesson-1",
      title: "A lesson",
      minutes: 2,
      markdown: "A short lesson body that no question repeats.",
      checks: [],
    },
  ],
  reflections: [],
};

/** The fixture part as a whole module, parsed by the schema so it is valid content. */
function moduleOf(part: Record<string, unknown>) {
  const result = moduleContent.safeParse({ ...base, ...part });
  assert.ok(result.success, JSON.stringify(result.error?.issues));
  return result.data;
}

const rules = readdirSync(FIXTURES)
  .filter((f) => f.endsWith(".yaml"))
  .map((f) => f.replace(/\.yaml$/, ""))
  .sort();

describe("assessment hints", () => {
  test("every rule has a fixture, and every fixture a rule", () => {
    const ruleIds = Object.keys(LINT_RULES).filter((r) => r !== "schema");
    assert.deepEqual(rules, ruleIds.sort());
  });

  for (const rule of rules) {
    const fixture = parse(readFileSync(join(FIXTURES, `${rule}.yaml`), "utf8")) as Fixture;

    test(`${rule}: the bad example gets exactly its hints`, () => {
      const hints = lintModule(moduleOf(fixture.bad));
      assert.deepEqual(
        hints.map((h) => `${h.rule} ${h.path.join(".")}`),
        fixture.expect.map((path) => `${rule} ${path}`),
      );
      const severity = rule === "placeholder" ? "error" : "hint";
      assert.ok(hints.every((h) => h.severity === severity && h.message.length > 20));
    });

    test(`${rule}: the good example gets none`, () => {
      assert.deepEqual(lintModule(moduleOf(fixture.good)), []);
    });
  }
});
