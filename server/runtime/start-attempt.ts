import mongoose from "mongoose";
import { Module } from "../content/module-model.ts";
import { ModuleVersion } from "../content/module-version-model.ts";
import { isDuplicateKey } from "../db/duplicate-key.ts";
import { notFound } from "../http/http-errors.ts";
import { recordAttemptStart } from "../progress/record-progress.ts";
import { isFinished } from "../progress/status-rule.ts";
import { Attempt } from "./attempt-model.ts";

/**
 * The attempt a learner should be in for a module: their latest one (attempts in progress keep
 * the version they started on), or a new one on the newest version when they have none, or ask
 * to retake a module they finished. Two clicks at once still make one attempt (unique
 * user/module/number). An archived module takes no new learners, but anyone who started it can
 * still finish.
 */
export async function startAttempt(input: { userId: string; slug: string; retake?: boolean }) {
  const mod = await Module.findOne({ slug: input.slug, publishedVersion: { $gt: 0 } })
    .select("_id slug publishedVersion archived")
    .lean();
  if (!mod) throw notFound("Module");
  const userId = new mongoose.Types.ObjectId(input.userId);
  const latest = await Attempt.findOne({ userId, moduleId: mod._id }).sort({ number: -1 });
  if (mod.archived && !latest) throw notFound("Module");
  const finished = latest !== null && isFinished(latest);
  // A retake only ever follows a finished attempt, and never starts on an archived module.
  if (latest && !(input.retake && finished && !mod.archived)) return latest;

  const version = await ModuleVersion.findOne({ moduleId: mod._id })
    .sort({ version: -1 })
    .select("_id version")
    .lean();
  if (!version) throw notFound("Published version");
  const number = (latest?.number ?? 0) + 1;
  let created: Awaited<ReturnType<typeof Attempt.create>>[number];
  try {
    created = await Attempt.create({
      userId,
      moduleId: mod._id,
      versionId: version._id,
      slug: mod.slug,
      version: version.version,
      number,
    });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const existing = await Attempt.findOne({ userId, moduleId: mod._id, number });
    if (!existing) throw err;
    return existing;
  }
  await recordAttemptStart(
    {
      _id: created._id,
      userId,
      moduleId: mod._id,
      slug: mod.slug,
      number,
      version: version.version,
    },
    created.get("createdAt") ?? new Date(),
  );
  return created;
}
