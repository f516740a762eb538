import { Module } from "../content/module-model.ts";
import type { ModuleContent } from "../content/module-schema.ts";
import { ModuleVersion } from "../content/module-version-model.ts";
import { HttpError, notFound } from "../http/http-errors.ts";
import type { LessonDiff } from "./diff-lessons.ts";
import { runAuthoringTask } from "./run-authoring-task.ts";

export type { DiffPart, LessonChange, LessonDiff } from "./diff-lessons.ts";

/** The comparison keeps to its own budget (diff-lessons.ts); this only stops a runaway. */
export const DIFF_TIME_LIMIT_MS = 10_000;

export interface DiffVersionsInput {
  slug: string;
  from: number;
  to: number;
}

/** What changed in the lessons between two published versions (see diffLessons). */
export async function diffVersions(input: DiffVersionsInput): Promise<{ lessons: LessonDiff[] }> {
  const mod = await Module.findOne({ slug: input.slug }).select("_id").lean();
  if (!mod) throw notFound("Module");
  const [from, to] = await Promise.all(
    [input.from, input.to].map(async (version) => {
      const found = await ModuleVersion.findOne({ moduleId: mod._id, version })
        .select("content.lessons")
        .lean();
      if (!found) throw notFound(`Version ${version}`);
      return found.content as ModuleContent;
    }),
  );
  const lessons = await runAuthoringTask(
    "diffLessons",
    { before: from?.lessons ?? [], after: to?.lessons ?? [] },
    {
      timeoutMs: DIFF_TIME_LIMIT_MS,
      stopped: () => new HttpError(503, "Comparing these versions took too long. Try again."),
    },
  );
  return { lessons };
}
