import type { ModuleContentInput } from "../content/module-schema.ts";
import { markPlaceholder } from "../content/publish-blockers.ts";

/**
 * The smallest draft that passes the content schema: an author starts from something that can be
 * previewed and saved at once. Every piece of template text is marked as a placeholder, so it
 * says what to write and cannot be published until it is rewritten.
 */
export function moduleTemplate(input: { title: string; slug: string }): ModuleContentInput {
  return {
    slug: input.slug,
    title: input.title,
    summary: markPlaceholder("Say in a sentence or two what learners will be able to do."),
    topics: [input.slug.slice(0, 40).replace(/-+$/, "") || "general"],
    minutes: 5,
    passMark: 80,
    lessons: [
      {
        id: "lesson-1",
        title: markPlaceholder("Lesson 1"),
        minutes: 5,
        markdown: markPlaceholder(
          "Write this lesson here. Markdown works: **bold**, *italic*, lists and [links](https://example.com).",
        ),
        checks: [],
      },
    ],
    quiz: [
      {
        id: "question-1",
        type: "single",
        prompt: markPlaceholder("Write a question a learner can answer after the lessons"),
        options: [
          {
            text: markPlaceholder("The right answer"),
            correct: true,
            feedback: markPlaceholder("Say why it is right."),
          },
          {
            text: markPlaceholder("An answer that is not right"),
            correct: false,
            feedback: markPlaceholder("Say why it is not right."),
          },
        ],
      },
    ],
    reflections: [],
  };
}
