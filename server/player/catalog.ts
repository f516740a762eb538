import mongoose from "mongoose";
import { Module } from "../content/module-model.ts";
import { ModuleVersion } from "../content/module-version-model.ts";
import { Attempt } from "../runtime/attempt-model.ts";
import { type AttemptView, presentAttempt } from "../runtime/present-attempt.ts";

export interface CatalogEntry {
  slug: string;
  title: string;
  summary: string;
  minutes: number;
  topics: string[];
  lessonCount: number;
  attempt: AttemptView | null;
}

/**
 * Published modules with the learner's latest attempt at each. Archived modules take no new
 * learners, so they appear only to those who have an attempt to finish or look back on.
 */
export async function catalogFor(userId: string): Promise<CatalogEntry[]> {
  const attempts = await Attempt.find({ userId: new mongoose.Types.ObjectId(userId) })
    .sort({ number: -1 })
    .select("-suspendData -interactions")
    .lean();
  const attempted = [...new Set(attempts.map((a) => a.moduleId.toString()))].map(
    (id) => new mongoose.Types.ObjectId(id),
  );
  const modules = await Module.find({
    publishedVersion: { $gt: 0 },
    $or: [{ archived: false }, { _id: { $in: attempted } }],
  })
    .select("_id slug publishedVersion")
    .lean();
  // Learners see what was published, never an author's unpublished draft; and only the fields
  // a card shows, not every lesson's text.
  const versions = modules.length
    ? await ModuleVersion.find({
        $or: modules.map((m) => ({ moduleId: m._id, version: m.publishedVersion })),
      })
        .select(
          "slug content.title content.summary content.minutes content.topics content.lessons.id",
        )
        .lean()
    : [];
  const latest = new Map<string, (typeof attempts)[number]>();
  for (const a of attempts) if (!latest.has(a.slug)) latest.set(a.slug, a);
  const entries = versions.map((v) => {
    const d = v.content as {
      title?: string;
      summary?: string;
      minutes?: number;
      topics?: string[];
      lessons?: unknown[];
    };
    const a = latest.get(v.slug);
    return {
      slug: v.slug,
      title: d.title ?? v.slug,
      summary: d.summary ?? "",
      minutes: d.minutes ?? 0,
      topics: d.topics ?? [],
      lessonCount: d.lessons?.length ?? 0,
      attempt: a ? presentAttempt(a) : null,
    };
  });
  return entries.sort((x, y) => x.title.localeCompare(y.title));
}
