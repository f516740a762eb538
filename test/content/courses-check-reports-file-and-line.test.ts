import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, test } from "node:test";
import { REPO_ROOT } from "../../server/config.ts";
import { checkLibrary } from "../../server/content/check-library.ts";
import { formatProblem } from "../../server/content/read-course-folder.ts";

const FIXTURES = join(REPO_ROOT, "test/fixtures/courses");

// One broken fixture per rule, each a copy of valid/tiny with a single mistake.
const EXPECTED: Record<string, string[]> = {
  "unknown-question-type": [
    "tiny/module.yaml:19: quiz.0.type: unknown question type; use one of single, multiple, true-false, ordering, matching, scenario, likert",
  ],
  "single-two-correct": [
    "tiny/module.yaml:21: quiz.0.options: a single-choice question needs exactly one correct option",
  ],
  "lesson-file-missing": ["tiny/module.yaml:8: lesson file 01-hello.md is missing"],
  "duplicate-slug": ['tiny-copy/module.yaml:1: duplicate slug "tiny" (also in tiny)'],
  "pass-mark-out-of-range": ["tiny/module.yaml:6: passMark: must be between 0 and 100"],
  "yaml-syntax-error": [
    "tiny/module.yaml:1: YAML syntax: Flow sequence in block collection must be sufficiently indented and end with a ]",
  ],
  "missing-title": [
    "tiny/module.yaml:1: title: Invalid input: expected string, received undefined",
  ],
  "lesson-minutes-missing": [
    "tiny/01-hello.md:1: minutes: Invalid input: expected number, received undefined",
  ],
  "duplicate-question-id": [
    'tiny/module.yaml:18: quiz.0.id: question id "check-one" is used twice',
  ],
  "likert-band-gap": [
    "tiny/module.yaml:38: quiz.1.bands.1.min: no band covers averages from 2 to 2.5; start band 2 at 2, where band 1 ends",
  ],
  "likert-band-overlap": [
    "tiny/module.yaml:38: quiz.1.bands.1.min: band 2 starts at 2 but band 1 runs to 2.5, so they overlap; start it at 2.5",
  ],
  "ordering-repeated-step": [
    "tiny/module.yaml:35: quiz.1.items.2.text: this step reads the same as step 1; every step must be different",
  ],
  "multiple-all-correct": [
    "tiny/module.yaml:30: quiz.1.options: every option is correct, so ticking everything scores; make at least one option wrong",
  ],
  // Template text is valid content but blocks publishing, and loading the library publishes.
  "template-text": [
    'tiny/01-hello.md:5: still holds the template text "Write the lesson here"; write the real text before publishing',
  ],
  // gray-matter would evaluate a ---js block; the reader refuses it without running anything.
  "front-matter-code": [
    "tiny/01-hello.md:1: front matter must be YAML between two lines of just ---",
  ],
  "worksheet-outside-folder": [
    "tiny/module.yaml:39: worksheet must name a .md file in this folder",
  ],
  "option-without-feedback": [
    "tiny/module.yaml:25: quiz.0.options.1.feedback: Invalid input: expected string, received undefined",
  ],
};

describe("courses:check", () => {
  test("the valid fixture passes", () => {
    const { modules, problems, hints } = checkLibrary(join(FIXTURES, "valid"));
    assert.deepEqual(problems, []);
    assert.deepEqual(hints, []);
    assert.deepEqual(
      modules.map((m) => m.slug),
      ["tiny"],
    );
  });

  for (const [rule, lines] of Object.entries(EXPECTED)) {
    test(`reports ${rule} with file and line`, () => {
      const root = join(FIXTURES, "broken", rule);
      const { problems } = checkLibrary(root, root);
      assert.deepEqual(problems.map(formatProblem), lines);
    });
  }

  test("front matter code is never run", () => {
    checkLibrary(join(FIXTURES, "broken", "front-matter-code"));
    assert.equal((globalThis as { rapportPwned?: boolean }).rapportPwned, undefined);
  });

  test("the starter library passes", () => {
    const { modules, problems } = checkLibrary(join(REPO_ROOT, "courses"), REPO_ROOT);
    assert.deepEqual(problems.map(formatProblem), []);
    assert.ok(modules.length >= 5);
  });

  test("assessment hints are reported with file and line, and are not problems", () => {
    const root = join(FIXTURES, "hints");
    const { modules, problems, hints } = checkLibrary(root, root);
    assert.deepEqual(problems, []);
    assert.deepEqual(
      modules.map((m) => m.slug),
      ["tiny"],
    );
    assert.deepEqual(
      hints.map(
        (h) => `${h.file}:${h.line}: ${h.message.replace(/^(hint: ).*(\[.*\])$/, "$1… $2")}`,
      ),
      [
        "tiny/module.yaml:12: hint: … [absolute-words]",
        "tiny/module.yaml:22: hint: … [longest-correct]",
      ],
    );
  });

  test("hints listed in accepted-hints.yaml are left out, and stale entries are reported", () => {
    const root = join(FIXTURES, "hints-accepted");
    const { problems, hints, accepted } = checkLibrary(root, root);
    assert.deepEqual(problems, []);
    assert.equal(accepted, 1);
    assert.deepEqual(
      hints.map((h) => `${h.file}:${h.line}`),
      ["tiny/module.yaml:12", "accepted-hints.yaml:6"],
    );
    assert.match(hints[1]?.message ?? "", /^hint: no negative-stem hint on mood in tiny/);
  });

  test("the command prints courses/<slug>/<file>:<line> lines and exits non-zero", () => {
    const run = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        join(REPO_ROOT, "server/cli/check-courses.ts"),
        "broken/pass-mark-out-of-range",
      ],
      { cwd: FIXTURES, encoding: "utf8" },
    );
    assert.equal(run.status, 1);
    assert.match(
      run.stderr,
      /^broken\/pass-mark-out-of-range\/tiny\/module\.yaml:6: passMark: must be between 0 and 100$/m,
    );
    const ok = spawnSync(
      process.execPath,
      ["--import", "tsx", join(REPO_ROOT, "server/cli/check-courses.ts"), "valid"],
      {
        cwd: FIXTURES,
        encoding: "utf8",
      },
    );
    assert.equal(ok.status, 0);
    assert.match(ok.stdout, /1 module\(s\) OK: tiny/);
  });

  test("the command prints hints as <file>:<line>: hint: … and exits 0 on hints alone", () => {
    const run = spawnSync(
      process.execPath,
      ["--import", "tsx", join(REPO_ROOT, "server/cli/check-courses.ts"), "hints"],
      { cwd: FIXTURES, encoding: "utf8" },
    );
    assert.equal(run.status, 0, run.stderr);
    assert.match(
      run.stdout,
      /^hints\/tiny\/module\.yaml:22: hint: the correct option is 6\.0 times as long .* \[longest-correct\]$/m,
    );
    assert.match(run.stdout, /1 module\(s\) OK: tiny; 2 hint\(s\)$/m);
    const blocked = spawnSync(
      process.execPath,
      ["--import", "tsx", join(REPO_ROOT, "server/cli/check-courses.ts"), "broken/template-text"],
      { cwd: FIXTURES, encoding: "utf8" },
    );
    assert.equal(blocked.status, 1);
    assert.match(blocked.stderr, /^broken\/template-text\/tiny\/01-hello\.md:5: still holds/m);
  });
});
