import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, test } from "node:test";
import fc from "fast-check";
import { articleToModule } from "../../server/authoring/article-to-module.ts";
import { moduleTemplate } from "../../server/authoring/module-template.ts";
import { REPO_ROOT } from "../../server/config.ts";
import { checkLibrary } from "../../server/content/check-library.ts";
import { lintModule } from "../../server/content/lint/lint-module.ts";
import { publishBlockers } from "../../server/content/lint/publish-blockers.ts";
import { publishBlockers as stubsOf } from "../../server/content/publish-blockers.ts";

const paths = (hints: { path: (string | number)[] }[]) => hints.map((h) => h.path.join("."));

describe("publish blockers", () => {
  test("a new module's template text blocks publishing, field by field", () => {
    const blockers = publishBlockers(moduleTemplate({ title: "Saying thanks", slug: "thanks" }));
    assert.ok(blockers.every((b) => b.rule === "placeholder" && b.severity === "error"));
    // Every stub the template writes, as the editor's own check finds them (by their mark).
    const stubs = paths(stubsOf(moduleTemplate({ title: "Saying thanks", slug: "thanks" })));
    assert.ok(stubs.length >= 7);
    assert.deepEqual(paths(blockers), stubs);
  });

  test("an imported article's stub questions block publishing until rewritten", () => {
    const { content } = articleToModule("# Thanks\n\n## Be specific\n\nName what they did.\n", {
      slug: "thanks",
    });
    const blockers = publishBlockers(content);
    const stubs = paths(stubsOf(content));
    assert.ok(
      stubs.some((p) => p.startsWith("quiz.0.")),
      "the quiz stub is found",
    );
    assert.deepEqual(paths(blockers), stubs);
  });

  test("the editor's new-question defaults are template text too", () => {
    // The texts public/authoring/src/new-question.ts and lessons.ts fill a new item with.
    const base = moduleTemplate({ title: "Saying thanks", slug: "thanks" });
    const draft = {
      ...base,
      summary: "Why specific thanks lands better than general praise.",
      lessons: [{ ...base.lessons[0], title: "Be specific", markdown: "Write the lesson here." }],
      quiz: [
        {
          id: "q-1",
          type: "scenario",
          prompt: "What would you do?",
          situation: "Describe the situation the learner faces.",
          options: [
            {
              text: "Option 1",
              correct: true,
              feedback: "Explain why this option is or is not right.",
            },
            {
              text: "Option 2",
              correct: false,
              feedback: "Explain why this option is or is not right.",
            },
          ],
        },
        {
          id: "q-2",
          type: "true-false",
          prompt: "Write a statement that is true or false.",
          answer: true,
          feedback: { true: "Feedback for True.", false: "Feedback for False." },
        },
      ],
    };
    assert.deepEqual(paths(publishBlockers(draft)), [
      "lessons.0.markdown",
      "quiz.0.situation",
      "quiz.0.options.0.text",
      "quiz.0.options.0.feedback",
      "quiz.0.options.1.text",
      "quiz.0.options.1.feedback",
      "quiz.1.prompt",
      "quiz.1.feedback.true",
      "quiz.1.feedback.false",
    ]);
  });

  test("schema problems block publishing with zod's paths and messages", () => {
    const draft = { ...moduleTemplate({ title: "Thanks", slug: "thanks" }), passMark: 120 };
    const schema = publishBlockers(draft).filter((b) => b.rule === "schema");
    assert.deepEqual(
      schema.map((b) => [b.path.join("."), b.message, b.severity]),
      [["passMark", "must be between 0 and 100", "error"]],
    );
  });

  test("the starter library has nothing that blocks publishing", () => {
    const { modules } = checkLibrary(join(REPO_ROOT, "courses"), REPO_ROOT);
    assert.ok(modules.length >= 5);
    for (const m of modules) assert.deepEqual(publishBlockers(m), [], m.slug);
  });

  test("hints never block: the linter reads any half-typed draft without throwing", () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const hints = lintModule(value);
        return Array.isArray(hints);
      }),
      { numRuns: 300 },
    );
    const partial = fc.record(
      {
        lessons: fc.array(fc.record({ markdown: fc.anything(), checks: fc.anything() })),
        quiz: fc.array(
          fc.record({
            type: fc.constantFrom("single", "multiple", "true-false", "ordering", "scenario", "x"),
            prompt: fc.oneof(fc.string(), fc.anything()),
            options: fc.array(fc.record({ text: fc.anything(), correct: fc.anything() })),
            answer: fc.anything(),
            feedback: fc.anything(),
          }),
        ),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(partial, (value) => Array.isArray(lintModule(value))),
      { numRuns: 300 },
    );
  });
});
