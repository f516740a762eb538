import { z } from "zod";
import type { ContentLesson, ContentModule, ContentQuestion } from "./content-types.ts";
import { QUESTION_TYPES } from "./content-types.ts";
import { likertBandProblems } from "./likert-bands.ts";
import { markdownLimitProblem } from "./markdown-limits.ts";

/** The most options, ordering items or matching pairs a question may have (letters a to h). */
export const MAX_CHOICES = 8;

// The one definition of a module. The courses/ loader, the authoring UI and the exporter all
// validate through it, so an error message reads the same wherever the module came from.

export const LESSON_MARKDOWN_MAX = 100_000;
export const WORKSHEET_MARKDOWN_MAX = 50_000;

const slug = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be lowercase letters, digits and single hyphens")
  .max(60, "must be at most 60 characters");
const questionId = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be lowercase letters, digits and single hyphens")
  .max(40, "must be at most 40 characters");
const text = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min, `must be at least ${min} characters`)
    .max(max, `must be at most ${max} characters`);
const feedback = text(1, 600);

const option = z.strictObject({
  text: text(1, 300),
  correct: z.boolean().default(false),
  feedback,
});

const base = { id: questionId, prompt: text(3, 600) };

const countCorrect = (options: { correct: boolean }[]) => options.filter((o) => o.correct).length;

/** The same text with case, spacing and end punctuation evened out, to compare for sameness. */
const sameness = (s: string) =>
  s
    .toLowerCase()
    .replace(/[.!?;:,]+$/u, "")
    .replace(/\s+/g, " ")
    .trim();

/**
 * The question schemas. `strict` adds the rules that refuse what cannot be right (overlapping
 * likert bands, repeated ordering steps, a multiple-choice question with no wrong option); it is
 * off only for reading content stored before those rules, which must still open and export.
 */
function questionSchemas(strict: boolean) {
  const singleQuestion = z
    .strictObject({
      ...base,
      type: z.literal("single"),
      options: z.array(option).min(2).max(MAX_CHOICES),
    })
    .refine((q) => countCorrect(q.options) === 1, {
      message: "a single-choice question needs exactly one correct option",
      path: ["options"],
    });

  const multipleQuestion = z
    .strictObject({
      ...base,
      type: z.literal("multiple"),
      options: z.array(option).min(2).max(MAX_CHOICES),
    })
    .refine((q) => countCorrect(q.options) >= 2, {
      message: "a multiple-choice question needs at least two correct options",
      path: ["options"],
    })
    .refine((q) => !strict || countCorrect(q.options) < q.options.length, {
      message:
        "every option is correct, so ticking everything scores; make at least one option wrong",
      path: ["options"],
    });

  const trueFalseQuestion = z.strictObject({
    ...base,
    type: z.literal("true-false"),
    answer: z.boolean(),
    feedback: z.strictObject({ true: feedback, false: feedback }),
  });

  const orderingQuestion = z
    .strictObject({
      ...base,
      type: z.literal("ordering"),
      items: z
        .array(z.strictObject({ text: text(1, 200), feedback }))
        .min(3)
        .max(MAX_CHOICES),
    })
    .superRefine((q, ctx) => {
      if (!strict) return;
      // Two steps that read the same can be swapped, so the order has two right answers.
      const seen = new Map<string, number>();
      q.items.forEach((item, i) => {
        const key = sameness(item.text);
        const earlier = seen.get(key);
        if (earlier === undefined) {
          seen.set(key, i);
          return;
        }
        ctx.addIssue({
          code: "custom",
          message: `this step reads the same as step ${earlier + 1}; every step must be different`,
          path: ["items", i, "text"],
        });
      });
    });

  const matchingQuestion = z
    .strictObject({
      ...base,
      type: z.literal("matching"),
      pairs: z
        .array(z.strictObject({ left: text(1, 200), right: text(1, 200), feedback }))
        .min(2)
        .max(MAX_CHOICES),
    })
    .refine((q) => new Set(q.pairs.map((p) => p.left)).size === q.pairs.length, {
      message: "every left-hand item must be different",
      path: ["pairs"],
    })
    .refine((q) => new Set(q.pairs.map((p) => p.right)).size === q.pairs.length, {
      message: "every right-hand item must be different",
      path: ["pairs"],
    });

  const scenarioQuestion = z
    .strictObject({
      ...base,
      type: z.literal("scenario"),
      situation: text(10, 1500),
      options: z.array(option).min(2).max(6),
    })
    .refine((q) => countCorrect(q.options) === 1, {
      message: "a scenario question needs exactly one best (correct) option",
      path: ["options"],
    });

  const likertQuestion = z
    .strictObject({
      ...base,
      type: z.literal("likert"),
      scale: z.array(text(1, 60)).min(3).max(7),
      statements: z
        .array(z.strictObject({ id: questionId, text: text(3, 300) }))
        .min(2)
        .max(12),
      bands: z
        .array(
          z.strictObject({
            min: z.number(),
            max: z.number(),
            label: text(1, 60),
            text: text(1, 800),
          }),
        )
        .min(1)
        .max(6),
    })
    .superRefine((q, ctx) => {
      const ids = q.statements.map((s) => s.id);
      if (new Set(ids).size !== ids.length) {
        ctx.addIssue({
          code: "custom",
          message: "statement ids must be unique",
          path: ["statements"],
        });
      }
      if (strict) {
        // Every average must land in exactly one band, as bandFor reads them (likert-bands.ts).
        for (const p of likertBandProblems(q.bands, q.scale.length)) {
          ctx.addIssue({ code: "custom", message: p.message, path: ["bands", p.index, p.field] });
        }
        return;
      }
      // Stored content only has to give every average some band, or a learner would see none.
      const sorted = [...q.bands].sort((a, b) => a.min - b.min);
      let reach = 1;
      for (const band of sorted) {
        if (band.min > reach || band.max < band.min) break;
        reach = Math.max(reach, band.max);
      }
      if (reach < q.scale.length || (sorted[0]?.min ?? 2) > 1) {
        ctx.addIssue({
          code: "custom",
          message: `bands must cover every average from 1 to ${q.scale.length} without gaps`,
          path: ["bands"],
        });
      }
    });

  return z.discriminatedUnion(
    "type",
    [
      singleQuestion,
      multipleQuestion,
      trueFalseQuestion,
      orderingQuestion,
      matchingQuestion,
      scenarioQuestion,
      likertQuestion,
    ],
    { error: () => `unknown question type; use one of ${QUESTION_TYPES.join(", ")}` },
  );
}

/** A question as it may be saved, imported, loaded from courses/ or published. */
export const question = questionSchemas(true);
const storedQuestion = questionSchemas(false);

export const reflection = z.strictObject({ id: questionId, prompt: text(3, 400) });

export const moduleSlug = slug;

/**
 * Markdown up to `max` characters that the renderer can show: nesting and emphasis within the
 * limits of markdown-limits.ts. The issue's params carry the line, for courses:check to point at.
 */
function markdown(max: number, what: string, checkRendering: boolean) {
  const sized = z
    .string()
    .max(max, `${what} must be at most ${max.toLocaleString("en")} characters`);
  if (!checkRendering) return sized;
  return sized.superRefine((md, ctx) => {
    if (md.length > max) return;
    const problem = markdownLimitProblem(md);
    if (problem) {
      ctx.addIssue({
        code: "custom",
        message: problem.message,
        params: { line: problem.line, reason: problem.reason },
      });
    }
  });
}

/**
 * The module schema. `strict` is off only for reading what is already stored, which may
 * predate the Markdown limits and the stricter question rules, and must still open (text past
 * the limits renders as a notice).
 */
function moduleSchema(strict: boolean) {
  const anyQuestion = strict ? question : storedQuestion;
  /** A lesson once its Markdown has been read: the shape stored in MongoDB and in the bundle. */
  const lesson = z.strictObject({
    id: slug,
    title: text(3, 120),
    minutes: z.number().int().min(1).max(10),
    markdown: markdown(LESSON_MARKDOWN_MAX, "lesson text", strict),
    checks: z.array(anyQuestion).max(3).default([]),
  });
  return z
    .strictObject({
      slug,
      title: text(3, 120),
      summary: text(10, 400),
      topics: z.array(text(1, 40)).min(1).max(8),
      minutes: z.number().int().min(1).max(120),
      passMark: z
        .number()
        .int()
        .min(0, "must be between 0 and 100")
        .max(100, "must be between 0 and 100"),
      lessons: z.array(lesson).min(1).max(12),
      quiz: z.array(anyQuestion).min(1).max(30),
      reflections: z.array(reflection).max(10).default([]),
      worksheet: z
        .strictObject({
          title: text(3, 120),
          markdown: markdown(WORKSHEET_MARKDOWN_MAX, "worksheet text", strict),
        })
        .optional(),
    })
    .superRefine((m, ctx) => {
      const seen = new Map<string, string>();
      const note = (id: string, where: (string | number)[]) => {
        if (seen.has(id)) {
          ctx.addIssue({
            code: "custom",
            message: `question id "${id}" is used twice`,
            path: where,
          });
        }
        seen.set(id, id);
      };
      for (const [li, l] of m.lessons.entries()) {
        for (const [qi, q] of l.checks.entries()) note(q.id, ["lessons", li, "checks", qi, "id"]);
      }
      for (const [qi, q] of m.quiz.entries()) note(q.id, ["quiz", qi, "id"]);
      if (!m.quiz.some((q) => q.type !== "likert")) {
        ctx.addIssue({
          code: "custom",
          message: "the quiz needs at least one graded question",
          path: ["quiz"],
        });
      }
      const lessonIds = m.lessons.map((l) => l.id);
      if (new Set(lessonIds).size !== lessonIds.length) {
        ctx.addIssue({
          code: "custom",
          message: "two lessons have the same id",
          path: ["lessons"],
        });
      }
    });
}

/** What may be saved, imported, loaded from courses/ or published. */
export const moduleContent = moduleSchema(true);
/**
 * Content already stored (published versions, drafts saved before a limit existed): the same
 * shape, with the Markdown limits not re-applied, so it can still be opened and exported.
 */
export const storedContent = moduleSchema(false);

export type Question = z.infer<typeof question>;
export type QuestionType = Question["type"];
export type Lesson = ModuleContent["lessons"][number];
export type ModuleContent = z.infer<typeof moduleContent>;
export type ModuleContentInput = z.input<typeof moduleContent>;
export { QUESTION_TYPES };

// The plain types browser code shares (content-types.ts) are exactly what the schema reads: each
// must be assignable to the other, or this fails the type-check.
type Fits<A extends B, B> = [A, B];
export type ContentTypesMatchSchema = [
  Fits<ModuleContent, ContentModule>,
  Fits<ContentModule, ModuleContent>,
  Fits<Lesson, ContentLesson>,
  Fits<ContentLesson, Lesson>,
  Fits<Question, ContentQuestion>,
  Fits<ContentQuestion, Question>,
];
