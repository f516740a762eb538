import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { funnelFlags } from "../../server/progress/funnel-steps.ts";
import { readBookmark, type Screen, writeBookmark } from "../../server/scorm/bookmark.ts";

// The learner's place (cmi.location, cmi.core.lesson_location) names the page and, on a page of
// one question per screen, the question, so resuming opens the question the learner left. Places
// written by earlier bundles (the page's key alone) still read as that page, and the funnel still
// sees a learner on any quiz question as having reached the quiz.

const SEED = 1111;
const slug = fc.stringMatching(/^[a-z0-9]{1,20}(-[a-z0-9]{1,19}){0,2}$/);
const pageKey = fc.oneof(
  slug.map((id) => `lesson/${id}`),
  fc.constantFrom("reflections", "quiz", "worksheet"),
);
const screen: fc.Arbitrary<Screen> = fc.record({
  review: fc.boolean(),
  index: fc.integer({ min: 0, max: 29 }),
});

describe("the learner's place", () => {
  it("reads back as the page and question it was written from", () => {
    fc.assert(
      fc.property(pageKey, fc.option(screen, { nil: null }), (page, at) => {
        const read = readBookmark(writeBookmark(page, at));
        assert.equal(read.page, page);
        const first = at === null || (!at.review && at.index === 0);
        assert.deepEqual(read.screen, first ? null : { ...at });
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it("is the page's key alone on its first question, as earlier bundles wrote it", () => {
    assert.equal(writeBookmark("quiz", { review: false, index: 0 }), "quiz");
    assert.equal(writeBookmark("lesson/keep-your-word", null), "lesson/keep-your-word");
    assert.equal(writeBookmark("quiz", { review: false, index: 4 }), "quiz:q5");
    assert.equal(writeBookmark("quiz", { review: true, index: 0 }), "quiz:r1");
    assert.equal(
      writeBookmark("lesson/keep-your-word", { review: false, index: 1 }),
      "lesson/keep-your-word:q2",
    );
  });

  it("reads what earlier bundles and other hands wrote as a page, never throwing", () => {
    for (const old of ["quiz", "lesson/repair", "reflections", "worksheet", ""]) {
      assert.deepEqual(readBookmark(old), { page: old, screen: null });
    }
    for (const odd of ["quiz:q0", "quiz:x5", "quiz:q", ":q2", "quiz:q1234", "quiz:q-1"]) {
      assert.deepEqual(readBookmark(odd), { page: odd, screen: null }, odd);
    }
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (text) => {
        const read = readBookmark(text);
        assert.equal(typeof read.page, "string");
        if (read.screen) assert.ok(read.screen.index >= 0 && read.screen.index < 999);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it("fits SCORM 1.2's 255 characters for the longest lesson id and question", () => {
    const longest = `lesson/${"a".repeat(60)}`;
    assert.ok(writeBookmark(longest, { review: true, index: 29 }).length <= 255);
  });

  it("counts a learner on any quiz question, or reviewing it, as having reached the quiz", () => {
    const reached = (location: string) =>
      funnelFlags({ location, completed: false, passed: false }).q === 1;
    assert.equal(reached("quiz"), true);
    assert.equal(reached("quiz:q5"), true);
    assert.equal(reached("quiz:r3"), true);
    assert.equal(reached("lesson/quiz"), false);
    assert.equal(reached("lesson/keep-your-word:q2"), false);
  });
});
