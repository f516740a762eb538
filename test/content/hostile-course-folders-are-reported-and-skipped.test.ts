import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { REPO_ROOT } from "../../server/config.ts";
import { checkLibrary } from "../../server/content/check-library.ts";
import { loadCourseLibrary } from "../../server/content/load-course-library.ts";
import { Module } from "../../server/content/module-model.ts";
import { formatProblem } from "../../server/content/read-course-folder.ts";
import { createLogger } from "../../server/http/logger.ts";
import { connectTestDatabase } from "../helpers/database.ts";
import { LogCapture } from "../helpers/test-app.ts";

// Issue #13, item 6: one hostile folder in courses/ stopped `npm start` and crashed
// `npm run courses:check` with a stack naming no file. Each must now be reported against its
// file and skipped, while the good modules beside it load.

const TINY = join(REPO_ROOT, "test/fixtures/courses/valid/tiny");
const MODULE_YAML = readFileSync(join(TINY, "module.yaml"), "utf8");
const ALIAS_BOMB = `${MODULE_YAML}
bomb:
  a: &a [x, x, x, x, x, x, x, x, x, x]
  b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
  c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
  d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
  e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
  f: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]
`;

let root: string;
let db: Awaited<ReturnType<typeof connectTestDatabase>>;

/** courses/good is the valid fixture; every other folder is a copy with one hostile change. */
function buildLibrary(): string {
  const dir = mkdtempSync(join(tmpdir(), "rapport-hostile-courses-"));
  const copy = (name: string) => {
    cpSync(TINY, join(dir, name), { recursive: true });
    return join(dir, name);
  };
  copy("good");
  const yamlFolder = copy("module-yaml-folder");
  rmSync(join(yamlFolder, "module.yaml"));
  mkdirSync(join(yamlFolder, "module.yaml"));
  writeFileSync(join(copy("alias-bomb"), "module.yaml"), ALIAS_BOMB);
  const lessonFolder = copy("lesson-folder");
  rmSync(join(lessonFolder, "01-hello.md"));
  mkdirSync(join(lessonFolder, "01-hello.md"));
  writeFileSync(
    join(copy("deep-yaml"), "module.yaml"),
    `${MODULE_YAML}\ndeep: ${"{a: ".repeat(20_000)}b${"}".repeat(20_000)}\n`,
  );
  writeFileSync(
    join(copy("huge-yaml"), "module.yaml"),
    `${MODULE_YAML}\n#${"x".repeat(300_000)}\n`,
  );
  return dir;
}

const EXPECTED = [
  "alias-bomb/module.yaml:1: YAML: aliases (*name) expand too much (more than 100); write the values out instead",
  // The line of `deep:`, just after the fixture's own lines.
  `deep-yaml/module.yaml:${`${MODULE_YAML}\n`.split("\n").length}: YAML is more than 32 levels of [ ] or { } nesting`,
  "huge-yaml/module.yaml:1: module.yaml is larger than 262144 bytes",
  "lesson-folder/01-hello.md:1: lesson is a folder or special file, not a file",
  "module-yaml-folder/module.yaml:1: module.yaml is a folder or special file, not a file",
];

before(async () => {
  root = buildLibrary();
  db = await connectTestDatabase(import.meta.url);
});
after(async () => {
  rmSync(root, { recursive: true, force: true });
  await db.drop();
});

describe("hostile course folders", () => {
  test("checking the library reports each folder's file and line; the good one passes", () => {
    const { modules, problems } = checkLibrary(root, root);
    assert.deepEqual(problems.map(formatProblem), EXPECTED);
    assert.deepEqual(
      modules.map((m) => m.slug),
      ["tiny"],
    );
  });

  test("start-up loads the good module and logs a warning naming each bad file", async () => {
    const logs = new LogCapture();
    const result = await loadCourseLibrary({ logger: createLogger("warn", logs), root });
    assert.deepEqual(result.added, ["tiny"]);
    assert.equal(result.invalid, EXPECTED.length);
    assert.equal(await Module.countDocuments({ slug: "tiny" }), 1);
    const warnings = logs.lines.map((l) => (JSON.parse(l) as { msg: string }).msg);
    for (const line of EXPECTED) {
      const [file] = line.split(":");
      assert.ok(
        warnings.some((w) => w.includes(`${file}:`)),
        `a warning names ${file}: ${warnings.join("\n")}`,
      );
    }
  });

  test("courses:check prints <folder>/<file>:<line>: <problem> for each and exits 1", () => {
    const run = spawnSync(
      process.execPath,
      // Run from inside the library, so tsx is named by path rather than looked up from there.
      ["--import", import.meta.resolve("tsx"), join(REPO_ROOT, "server/cli/check-courses.ts"), "."],
      { cwd: root, encoding: "utf8" },
    );
    assert.equal(run.status, 1, run.stderr);
    assert.deepEqual(run.stderr.trim().split("\n"), [
      ...EXPECTED,
      `${EXPECTED.length} problem(s) found in ${root}`,
    ]);
  });
});
