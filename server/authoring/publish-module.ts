import { createHash } from "node:crypto";
import type mongoose from "mongoose";
import { type AuditActor, recordAudit, SYSTEM_ACTOR } from "../audit/record-audit.ts";
import { Module } from "../content/module-model.ts";
import { moduleContent } from "../content/module-schema.ts";
import { ModuleVersion } from "../content/module-version-model.ts";
import { publishBlockers } from "../content/publish-blockers.ts";
import { isDuplicateKey } from "../db/duplicate-key.ts";
import { HttpError, notFound, ValidationError } from "../http/http-errors.ts";
import { fieldErrors } from "../http/zod-fields.ts";
import { ModuleRollup } from "../progress/module-rollup-model.ts";
import { retireRemovedQuestions } from "../review/retire-cards.ts";
import { PublishBlocked, RetakeConfirmationNeeded, RevisionConflict } from "./authoring-errors.ts";

export const PUBLISH_NOTE_MAX = 500;

export interface PublishInput {
  moduleId: mongoose.Types.ObjectId | string;
  /** Who publishes; left out for Rapport's own start-up load of courses/. */
  actor?: AuditActor;
  note?: string;
  /** The draft revision the publisher saw; a different stored revision is refused (409). */
  revision?: number;
  /**
   * The author has agreed that learners who already took the module get the new version when
   * they retake it. Without it, publishing over a version learners have started is refused (428).
   */
  confirmRetakes?: boolean;
}

/**
 * Snapshots the module's draft as the next immutable version. Without multi-document
 * transactions the version document is written first; its unique (module, version) index makes a
 * concurrent publish fail cleanly, and the module's pointer only ever moves forward ($max).
 */
export async function publishModule(input: PublishInput): Promise<{ version: number }> {
  const actor = input.actor ?? SYSTEM_ACTOR;
  const note = (input.note ?? "").trim();
  if (note.length > PUBLISH_NOTE_MAX) {
    throw new ValidationError({ note: `must be at most ${PUBLISH_NOTE_MAX} characters` });
  }
  const mod = await Module.findById(input.moduleId);
  if (!mod) throw notFound("Module");
  if (input.revision !== undefined && input.revision !== mod.revision) {
    throw new RevisionConflict(
      "Someone saved this module after you loaded it, so it was not published. Reload to see their version first.",
      mod.revision,
    );
  }
  const parsed = moduleContent.safeParse(mod.draft);
  if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error));
  const content = parsed.data;
  const blockers = publishBlockers(content);
  if (blockers.length > 0) {
    throw new PublishBlocked(
      Object.fromEntries(blockers.map((b) => [b.path.join(".") || "form", b.message])),
    );
  }
  const latest = await ModuleVersion.findOne({ moduleId: mod._id })
    .sort({ version: -1 })
    .select("version");
  const version = (latest?.version ?? 0) + 1;
  if (latest && !input.confirmRetakes) {
    const learners = await learnersWhoStarted(mod._id);
    if (learners > 0) {
      throw new RetakeConfirmationNeeded(
        `${learners === 1 ? "1 learner has" : `${learners} learners have`} started this module. Anyone who retakes it, or starts it from now on, gets version ${version}; attempts already under way keep the version they started with.`,
        learners,
      );
    }
  }
  try {
    await ModuleVersion.create({
      moduleId: mod._id,
      slug: content.slug,
      version,
      content,
      contentHash: createHash("sha256").update(JSON.stringify(content)).digest("hex"),
      note,
      publishedBy: actor.id,
    });
  } catch (err) {
    if (isDuplicateKey(err)) {
      throw new HttpError(
        409,
        "Someone published this module at the same moment. Reload and try again.",
      );
    }
    throw err;
  }
  await Module.updateOne(
    { _id: mod._id },
    { $max: { publishedVersion: version, publishedRevision: mod.revision } },
  );
  await retireRemovedQuestions(mod._id, content);
  await recordAudit({
    actor,
    action: "module.publish",
    target: { kind: "module", id: mod.id, slug: content.slug },
    detail: { version, revision: mod.revision, ...(note ? { note } : {}) },
  });
  return { version };
}

/** Learners with at least one attempt, from the module's rollup (kept by the commit path). */
async function learnersWhoStarted(moduleId: mongoose.Types.ObjectId): Promise<number> {
  const rollup = await ModuleRollup.findOne({ moduleId }).select("learners").lean();
  return Number(rollup?.learners ?? 0);
}
