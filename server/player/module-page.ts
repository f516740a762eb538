import mongoose from "mongoose";
import { Module } from "../content/module-model.ts";
import type { ModuleContent } from "../content/module-schema.ts";
import { ModuleVersion } from "../content/module-version-model.ts";
import { notFound } from "../http/http-errors.ts";
import { LearnerSummary } from "../progress/learner-summary-model.ts";
import { presentStanding } from "../progress/present-standing.ts";
import { Attempt } from "../runtime/attempt-model.ts";
import { presentAttempt } from "../runtime/present-attempt.ts";
import { moduleCover } from "./module-cover.ts";

const ATTEMPTS_SHOWN = 20;

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
  const userObjectId = new mongoose.Types.ObjectId(userId);
  const summary = await LearnerSummary.findOne({ userId: userObjectId, moduleId: mod._id }).lean();
  const standing = summary ? presentStanding(summary) : null;
  // An archived module stays open to those who started it, and to nobody else.
  if (mod.archived && !standing) throw notFound("Module");
  // The learner's own attempts, newest first, by the (userId, moduleId, number) index.
  const attempts = standing
    ? await Attempt.find({ userId: userObjectId, moduleId: mod._id })
        .sort({ number: -1 })
        .limit(ATTEMPTS_SHOWN)
        .select("-suspendData -interactions")
        .lean()
    : [];
  return {
    slug,
    title: content.title,
    summary: content.summary,
    cover: moduleCover({ title: content.title, topic: content.topics[0] }),
    minutes: content.minutes,
    passMark: content.passMark,
    version: version.version,
    lessons: content.lessons.map((l) => ({ title: l.title, minutes: l.minutes })),
    quizLength: content.quiz.filter((q) => q.type !== "likert").length,
    attempts: attempts.map(presentAttempt),
    standing,
    archived: mod.archived ?? false,
    // A retake only ever follows a finished attempt (start-attempt.ts enforces the same).
    canRetake: !mod.archived && standing !== null && standing.current.finished,
  };
}
