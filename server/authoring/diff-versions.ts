import { Module } from "../content/module-model.ts";
import type { ModuleContent } from "../content/module-schema.ts";
import { ModuleVersion } from "../content/module-version-model.ts";
import { HttpError, notFound } from "../http/http-errors.ts";
import type { LessonDiff } from "./diff-lessons.ts";
import type { FieldDiff, QuestionDiff } from "./diff-questions.ts";
import { runAuthoringTask } from "./run-authoring-task.ts";

export type { DiffPart, LessonChange, LessonDiff } from "./diff-lessons.ts";
export type { FieldDiff, QuestionDiff } from "./diff-questions.ts";

/** The comparison keeps to its own budget (diff-lessons.ts); this only stops a runaway. */
export const DIFF_TIME_LIMIT_MS = 10_000;

export interface DiffVersionsInput {
  slug: string;
  from: number;
  to: number;
  /** Also render each changed lesson as HTML with <ins>/<del> (the diff page does). */
  render?: boolean;
}

/** With `render`, each change also has `html`: marked text (lessons: rendered as learners see them). */
type Rendered = { html?: string };

export interface VersionsDiff {
  /** The module's own fields (title, summary, topics, pass mark …), reflections and worksheet. */
  settings: (FieldDiff & Rendered)[];
  lessons: (LessonDiff & Rendered & { sourceHtml?: string })[];
  /** Knowledge checks and quiz questions, matched by id, with their options and feedback. */
  questions: (QuestionDiff & { fields: (FieldDiff & Rendered)[] })[];
}

/** What changed between two published versions: settings, lessons and questions. */
export async function diffVersions(input: DiffVersionsInput): Promise<VersionsDiff> {
  const mod = await Module.findOne({ slug: input.slug }).select("_id").lean();
  if (!mod) throw notFound("Module");
  const [before, after] = await Promise.all(
    [input.from, input.to].map(async (version) => {
      const found = await ModuleVersion.findOne({ moduleId: mod._id, version })
        .select("content")
        .lean();
      if (!found) throw notFound(`Version ${version}`);
      return found.content as ModuleContent;
    }),
  );
  return runAuthoringTask(
    "diffVersions",
    {
      before: before as ModuleContent,
      after: after as ModuleContent,
      render: input.render === true,
    },
    {
      timeoutMs: DIFF_TIME_LIMIT_MS,
      stopped: () => new HttpError(503, "Comparing these versions took too long. Try again."),
    },
  );
}
