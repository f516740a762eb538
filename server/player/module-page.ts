import mongoose from "mongoose";
import { Module } from "../content/module-model.ts";
import type { ModuleContent } from "../content/module-schema.ts";
import { ModuleVersion } from "../content/module-version-model.ts";
import { notFound } from "../http/http-errors.ts";
import { Attempt } from "../runtime/attempt-model.ts";
import { presentAttempt } from "../runtime/present-attempt.ts";

/** What the module page shows: the published text's outline and the learner's attempts. */
export async function modulePageData(slug: string, userId: string) {
  const mod = await Module.findOne({ slug, publishedVersion: { $gt: 0 } }).lean();
  if (!mod) throw notFound("Module");
  const version = await ModuleVersion.findOne({
    moduleId: mod._id,
    version: mod.publishedVersion,
  }).lean();
  if (!version) throw notFound("Module");
  const content = version.content as ModuleContent;
  const attempts = await Attempt.find({
    userId: new mongoose.Types.ObjectId(userId),
    moduleId: mod._id,
  })
    .sort({ number: -1 })
    .select("-suspendData -interactions")
    .lean();
  const views = attempts.map(presentAttempt);
  const latest = views[0] ?? null;
  // An archived module stays open to those who started it, and to nobody else.
  if (mod.archived && !latest) throw notFound("Module");
  return {
    slug,
    title: content.title,
    summary: content.summary,
    minutes: content.minutes,
    passMark: content.passMark,
    version: version.version,
    lessons: content.lessons.map((l) => ({ title: l.title, minutes: l.minutes })),
    quizLength: content.quiz.filter((q) => q.type !== "likert").length,
    attempts: views,
    latest,
    archived: mod.archived ?? false,
    canRetake:
      !mod.archived &&
      latest !== null &&
      (latest.status === "passed" || latest.status === "completed"),
  };
}
