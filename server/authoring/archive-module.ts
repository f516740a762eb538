import { type AuditActor, recordAudit } from "../audit/record-audit.ts";
import { Module } from "../content/module-model.ts";
import { notFound } from "../http/http-errors.ts";

export interface ArchiveModuleInput {
  slug: string;
  archived: boolean;
  actor: AuditActor;
}

/**
 * Hides a module from the catalog and the authors' list (or brings it back). Nothing is deleted:
 * learners' attempts and every published version stay, and attempts in progress can finish.
 */
export async function archiveModule(input: ArchiveModuleInput): Promise<{ archived: boolean }> {
  const mod = await Module.findOneAndUpdate(
    { slug: input.slug },
    { $set: { archived: input.archived, updatedBy: input.actor.id } },
    { projection: { _id: 1, archived: 1 } },
  ).lean();
  if (!mod) throw notFound("Module");
  // Audit real changes only, so a double-click does not log two archives.
  if ((mod.archived ?? false) !== input.archived) {
    await recordAudit({
      actor: input.actor,
      action: input.archived ? "module.archive" : "module.unarchive",
      target: { kind: "module", id: String(mod._id), slug: input.slug },
    });
  }
  return { archived: input.archived };
}
