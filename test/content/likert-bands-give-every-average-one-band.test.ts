import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, test } from "node:test";
import fc from "fast-check";
import { REPO_ROOT } from "../../server/config.ts";
import { checkLibrary } from "../../server/content/check-library.ts";
import { bandFor, likertBandProblems } from "../../server/content/likert-bands.ts";
import type { Question } from "../../server/content/module-schema.ts";
import { formatProblem } from "../../server/content/read-course-folder.ts";

type Likert = Extract<Question, { type: "likert" }>;

const library = checkLibrary(join(REPO_ROOT, "courses"), REPO_ROOT);
const likerts = library.modules.flatMap((m) =>
  [...m.lessons.flatMap((l) => l.checks), ...m.quiz]
    .filter((q): q is Likert => q.type === "likert")
    .map((q) => ({ slug: m.slug, q })),
);

describe("likert bands", () => {
  test('answering "Mostly true" to every managing-up statement gives the top band', () => {
    const found = likerts.find((l) => l.slug === "managing-up");
    assert.ok(found, "managing-up has a self-assessment");
    const { q } = found;
    const mostly = q.scale.indexOf("Mostly true") + 1;
    assert.ok(mostly > 1, "the scale has a Mostly true answer");
    const answers = q.statements.map(() => mostly);
    const average = answers.reduce((a, b) => a + b, 0) / answers.length;
    const band = bandFor(average, q.bands);
    assert.equal(band, q.bands[q.bands.length - 1]);
    assert.equal(band?.label, "Strong");
  });

  test("every band of the starter library follows the rule", () => {
    assert.ok(likerts.length > 0);
    for (const { slug, q } of likerts) {
      assert.deepEqual(likertBandProblems(q.bands, q.scale.length), [], `${slug}/${q.id}`);
    }
  });

  test("an average on a boundary belongs to the higher band, and the top band keeps its max", () => {
    const bands = [
      { min: 1, max: 2, label: "low" },
      { min: 2, max: 3, label: "middle" },
      { min: 3, max: 4, label: "high" },
    ];
    const label = (avg: number) => bandFor(avg, bands)?.label;
    assert.deepEqual([1, 1.99, 2, 2.5, 3, 3.5, 4].map(label), [
      "low",
      "low",
      "middle",
      "middle",
      "high",
      "high",
      "high",
    ]);
  });

  test("for any bands that follow the rule, each average lands in min <= average < max", () => {
    // Contiguous bands over a 3- to 7-point scale, cut at random points.
    const scaled = fc.integer({ min: 3, max: 7 }).chain((points) =>
      fc
        .uniqueArray(fc.integer({ min: 1, max: (points - 1) * 4 - 1 }), { maxLength: 5 })
        .map((cuts) => {
          const edges = [1, ...cuts.sort((a, b) => a - b).map((c) => 1 + c / 4), points];
          const bands = edges.slice(1).map((max, i) => ({ min: edges[i] as number, max }));
          return { points, bands };
        }),
    );
    fc.assert(
      fc.property(scaled, fc.double({ min: 0, max: 1, noNaN: true }), ({ points, bands }, t) => {
        assert.deepEqual(likertBandProblems(bands, points), []);
        const average = 1 + t * (points - 1);
        const band = bandFor(average, bands);
        const top = band === bands[bands.length - 1];
        return (
          band !== undefined &&
          band.min <= average &&
          (average < band.max || (top && average === band.max))
        );
      }),
      { numRuns: 500 },
    );
  });

  test("a gap or an overlap between bands is refused, on the band's line", () => {
    for (const [fixture, line, problem] of [
      ["likert-band-gap", 38, "no band covers averages from 2 to 2.5"],
      ["likert-band-overlap", 38, "band 2 starts at 2 but band 1 runs to 2.5, so they overlap"],
    ] as const) {
      const root = join(REPO_ROOT, "test/fixtures/courses/broken", fixture);
      const { problems, modules } = checkLibrary(root, root);
      assert.deepEqual(modules, []);
      assert.equal(problems.length, 1, problems.map(formatProblem).join("\n"));
      assert.equal(problems[0]?.file, "tiny/module.yaml");
      assert.equal(problems[0]?.line, line);
      assert.match(
        problems[0]?.message ?? "",
        new RegExp(`^quiz\\.1\\.bands\\.1\\.min: ${problem}`),
      );
    }
  });

  test("bands that start late, end early or run backwards are refused too", () => {
    const messages = (bands: { min: number; max: number }[]) =>
      likertBandProblems(bands, 4).map((p) => `${p.index}.${p.field}: ${p.message}`);
    assert.deepEqual(messages([{ min: 1.5, max: 4 }]), [
      "0.min: the first band must start at 1, the lowest answer, not 1.5",
    ]);
    assert.deepEqual(messages([{ min: 1, max: 3 }]), [
      "0.max: the last band must end at 4, the highest answer on this 4-point scale, not 3",
    ]);
    assert.deepEqual(
      messages([
        { min: 2, max: 4 },
        { min: 1, max: 2 },
      ]),
      [
        "0.min: the first band must start at 1, the lowest answer, not 2",
        "1.min: list the bands from lowest to highest: band 2 starts below band 1",
        "1.max: the last band must end at 4, the highest answer on this 4-point scale, not 2",
      ],
    );
    assert.deepEqual(
      messages([
        { min: 1, max: 1 },
        { min: 1, max: 4 },
      ]),
      ["0.max: band 1 must end above where it starts (1)"],
    );
  });
});
