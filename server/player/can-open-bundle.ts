import mongoose from "mongoose";
import { hasRole } from "../auth/roles.ts";
import { Module } from "../content/module-model.ts";
import { ModuleVersion } from "../content/module-version-model.ts";
import { Attempt } from "../runtime/attempt-model.ts";

/**
 * Which published bundles a person may load: authors any; learners the current version of a
 * module open to everyone, or any version they have an attempt on (an older version they are
 * still taking, or an archived module they started).
 */
export async function canOpenBundle(user: Express.User, versionId: string): Promise<boolean> {
  if (hasRole(user.role, "author")) return true;
  if (!mongoose.isValidObjectId(versionId)) return false;
  const id = new mongoose.Types.ObjectId(versionId);
  // The usual case first: the current version of an open module (two reads by _id). Only an
  // older or archived version needs the learner's attempts, read by the (userId, versionId) index.
  const version = await ModuleVersion.findById(id).select("moduleId version").lean();
  if (!version) return false;
  const current = await Module.exists({
    _id: version.moduleId,
    archived: false,
    publishedVersion: version.version,
  });
  if (current !== null) return true;
  const ownAttempt = await Attempt.exists({
    userId: new mongoose.Types.ObjectId(user.id),
    versionId: id,
  });
  return ownAttempt !== null;
}
