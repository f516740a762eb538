import { diffWords } from "diff";
import { Module } from "../content/module-model.ts";
import type { Lesson, ModuleContent } from "../content/module-schema.ts";
import { ModuleVersion } from "../content/module-version-model.ts";
import { notFound } from "../http/http-errors.ts";

export type LessonChange = "added" | "removed" | "changed" | "unchanged";

export interface DiffPart {
  value: string;
  added?: true;
  removed?: true;
}

export interface LessonDiff {
  id: string;
  title: string;
  status: LessonChange;
  /** Set when the lesson was retitled: its title in the older version. */
  previousTitle?: string;
  /** A word diff of the lesson's Markdown (all added / all removed for new / dropped lessons). */
  parts: DiffPart[];
}

export interface DiffVersionsInput {
  slug: string;
  from: number;
  to: number;
}

/**
 * What changed in the lessons between two published versions. Lessons are matched by id (which
 * survives a retitle) and shown in the newer version's order, removed ones after; the parts are
 * a word diff of the Markdown, which reads better than a line diff for prose.
 */
export async function diffVersions(input: DiffVersionsInput): Promise<{ lessons: LessonDiff[] }> {
  const mod = await Module.findOne({ slug: input.slug }).select("_id").lean();
  if (!mod) throw notFound("Module");
  const [from, to] = await Promise.all(
    [input.from, input.to].map(async (version) => {
      const found = await ModuleVersion.findOne({ moduleId: mod._id, version })
        .select("content")
        .lean();
      if (!found) throw notFound(`Version ${version}`);
      return found.content as ModuleContent;
    }),
  );
  return { lessons: diffLessons(from?.lessons ?? [], to?.lessons ?? []) };
}

export function diffLessons(before: Lesson[], after: Lesson[]): LessonDiff[] {
  const old = new Map(before.map((l) => [l.id, l]));
  const kept = new Set(after.map((l) => l.id));
  const rows = after.map((lesson): LessonDiff => {
    const was = old.get(lesson.id);
    if (!was) return row(lesson, "added", [{ value: lesson.markdown, added: true }]);
    const parts = diffText(was.markdown, lesson.markdown);
    const retitled = was.title !== lesson.title;
    const changed = retitled || parts.some((p) => p.added || p.removed);
    return {
      ...row(lesson, changed ? "changed" : "unchanged", parts),
      ...(retitled ? { previousTitle: was.title } : {}),
    };
  });
  for (const lesson of before) {
    if (!kept.has(lesson.id)) {
      rows.push(row(lesson, "removed", [{ value: lesson.markdown, removed: true }]));
    }
  }
  return rows;
}

const row = (lesson: Lesson, status: LessonChange, parts: DiffPart[]): LessonDiff => ({
  id: lesson.id,
  title: lesson.title,
  status,
  parts,
});

function diffText(before: string, after: string): DiffPart[] {
  return diffWords(before, after).map((c) => ({
    value: c.value,
    ...(c.added ? { added: true as const } : {}),
    ...(c.removed ? { removed: true as const } : {}),
  }));
}
