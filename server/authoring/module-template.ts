import type { ModuleContentInput } from "../content/module-schema.ts";

/**
 * The smallest draft that passes the content schema: an author starts from something that can be
 * previewed and saved at once, and every placeholder says what to replace it with.
 */
export function moduleTemplate(input: { title: string; slug: string }): ModuleContentInput {
  return {
    slug: input.slug,
    title: input.title,
    summary: "Describe in a sentence or two what learners will be able to do after this module.",
    topics: [input.slug.slice(0, 40).replace(/-+$/, "") || "general"],
    minutes: 5,
    passMark: 80,
    lessons: [
      {
        id: "lesson-1",
        title: "Lesson 1",
        minutes: 5,
        markdown:
          "Write the lesson here. Markdown works: **bold**, *italic*, lists and [links](https://example.com).",
        checks: [],
      },
    ],
    quiz: [
      {
        id: "question-1",
        type: "single",
        prompt: "Write your question here",
        options: [
          { text: "The correct answer", correct: true, feedback: "Say why this answer is right." },
          { text: "A wrong answer", correct: false, feedback: "Say why this answer is wrong." },
        ],
      },
    ],
    reflections: [],
  };
}
