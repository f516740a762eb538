import { type AuditActor, recordAudit } from "../audit/record-audit.ts";
import { Module } from "../content/module-model.ts";
import { moduleContent } from "../content/module-schema.ts";
import { notFound, ValidationError } from "../http/http-errors.ts";
import { fieldErrors } from "../http/zod-fields.ts";
import { RevisionConflict } from "./authoring-errors.ts";
import type { SavedDraft } from "./editor-page-data.ts";
import { describeStatus } from "./list-modules.ts";
import { moduleHints } from "./module-hints.ts";
import {
  isDuplicateKey,
  RESERVED_SLUGS,
  SLUG_RESERVED,
  SLUG_TAKEN,
  slugIsTaken,
} from "./module-slugs.ts";
import { displayNameOf } from "./user-names.ts";

export const SLUG_LOCKED = "The slug cannot change once the module is published";

export interface SaveDraftInput {
  /** The module's slug as the author loaded it (the draft may carry a new one). */
  slug: string;
  /** The revision the author's copy was loaded at. */
  revision: number;
  draft: unknown;
  actor: AuditActor;
}

/**
 * Replaces a module's draft, all or nothing. The write is one updateOne with the loaded revision
 * in its filter, so of two authors saving the same revision exactly one wins and the other gets
 * a 409 saying who got there first — nobody's work is silently overwritten.
 */
export async function saveDraft(input: SaveDraftInput): Promise<SavedDraft> {
  if (!Number.isInteger(input.revision) || input.revision < 1) {
    throw new ValidationError({
      revision: "revision must be the whole number the draft was loaded at",
    });
  }
  const mod = await Module.findOne({ slug: input.slug });
  if (!mod) throw notFound("Module");
  if (mod.revision !== input.revision) throw await conflict(mod._id);

  const parsed = moduleContent.safeParse(input.draft);
  if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error));
  const draft = parsed.data;
  const slugChanges = draft.slug !== mod.slug;
  if (slugChanges) {
    if (mod.publishedVersion > 0) throw new ValidationError({ slug: SLUG_LOCKED });
    if (RESERVED_SLUGS.has(draft.slug)) throw new ValidationError({ slug: SLUG_RESERVED });
    if (await slugIsTaken(draft.slug)) throw new ValidationError({ slug: SLUG_TAKEN });
  }

  let matched: number;
  try {
    const result = await Module.updateOne(
      // A slug may only change while unpublished, so a publish in between also stops the write.
      { _id: mod._id, revision: input.revision, ...(slugChanges ? { publishedVersion: 0 } : {}) },
      {
        $set: { draft, slug: draft.slug, title: draft.title, updatedBy: input.actor.id },
        $inc: { revision: 1 },
      },
    );
    matched = result.matchedCount;
  } catch (err) {
    if (isDuplicateKey(err)) throw new ValidationError({ slug: SLUG_TAKEN });
    throw err;
  }
  if (matched === 0) {
    // Someone saved (or, for a slug change, published) between our read and our write.
    const still = await Module.exists({ _id: mod._id, revision: input.revision });
    if (still && slugChanges) throw new ValidationError({ slug: SLUG_LOCKED });
    throw await conflict(mod._id);
  }

  const revision = input.revision + 1;
  await recordAudit({
    actor: input.actor,
    action: "module.save",
    target: { kind: "module", id: mod.id, slug: draft.slug },
    detail: { revision, ...(slugChanges ? { previousSlug: mod.slug } : {}) },
  });
  return {
    revision,
    slug: draft.slug,
    status: describeStatus({
      publishedVersion: mod.publishedVersion,
      publishedRevision: mod.publishedRevision,
      revision,
    }),
    hints: moduleHints(draft),
  };
}

async function conflict(moduleId: unknown): Promise<RevisionConflict> {
  const now = await Module.findById(moduleId).select("revision updatedBy updatedAt").lean();
  if (!now) return new RevisionConflict("This module was deleted. Reload the list.", 0);
  const who = (await displayNameOf(now.updatedBy)) ?? "another author";
  const when = formatTime((now as { updatedAt?: Date }).updatedAt);
  return new RevisionConflict(
    `This module was changed by ${who} at ${when} after you opened it. Reload to see their version, then make your changes again.`,
    now.revision,
  );
}

function formatTime(at: Date | undefined): string {
  if (!at) return "an unknown time";
  return `${at.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
