import mongoose from "mongoose";
import { Module } from "../content/module-model.ts";
import { ModuleVersion } from "../content/module-version-model.ts";
import { LearnerSummary } from "../progress/learner-summary-model.ts";
import { presentStanding, type Standing } from "../progress/present-standing.ts";
import { moduleCover } from "./module-cover.ts";

export interface CatalogEntry {
  slug: string;
  title: string;
  summary: string;
  minutes: number;
  topics: string[];
  lessonCount: number;
  /** Inline SVG markup (module-cover.ts). */
  cover: string;
  standing: Standing | null;
}

/**
 * Published modules with where the learner stands in each, read from their own summaries (one
 * per module they started), so the cost never depends on anyone else's attempts. Archived
 * modules take no new learners, so they appear only to those who started them.
 */
export async function catalogFor(userId: string): Promise<CatalogEntry[]> {
  const summaries = await LearnerSummary.find({ userId: new mongoose.Types.ObjectId(userId) })
    .select("-_id")
    .lean();
  const modules = await Module.find({
    publishedVersion: { $gt: 0 },
    $or: [{ archived: false }, { _id: { $in: summaries.map((s) => s.moduleId) } }],
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
          "moduleId slug content.title content.summary content.minutes content.topics content.lessons.id",
        )
        .lean()
    : [];
  const byModule = new Map(summaries.map((s) => [s.moduleId.toString(), s]));
  const entries = versions.map((v) => {
    const d = v.content as {
      title?: string;
      summary?: string;
      minutes?: number;
      topics?: string[];
      lessons?: unknown[];
    };
    const summary = byModule.get(v.moduleId.toString());
    const title = d.title ?? v.slug;
    return {
      slug: v.slug,
      title,
      summary: d.summary ?? "",
      minutes: d.minutes ?? 0,
      topics: d.topics ?? [],
      lessonCount: d.lessons?.length ?? 0,
      cover: moduleCover({ title, topic: d.topics?.[0] }),
      standing: summary ? presentStanding(summary) : null,
    };
  });
  return entries.sort((x, y) => x.title.localeCompare(y.title));
}
