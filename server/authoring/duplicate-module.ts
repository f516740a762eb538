import { type AuditActor, recordAudit } from "../audit/record-audit.ts";
import { Module } from "../content/module-model.ts";
import { moduleContent } from "../content/module-schema.ts";
import { notFound } from "../http/http-errors.ts";
import { parseOrThrow } from "../http/zod-fields.ts";
import { isDuplicateKey, RESERVED_SLUGS, slugCandidates, slugIsTaken } from "./module-slugs.ts";

const TITLE_MAX = 120;
const COPY_SUFFIX = " (copy)";

export interface DuplicateModuleInput {
  slug: string;
  actor: AuditActor;
}

/** Copies a module's current draft into a new unpublished module "<slug>-copy" (or -copy-2 …). */
export async function duplicateModule(input: DuplicateModuleInput): Promise<{ slug: string }> {
  const source = await Module.findOne({ slug: input.slug }).lean();
  if (!source) throw notFound("Module");
  const title = `${source.title.slice(0, TITLE_MAX - COPY_SUFFIX.length).trim()}${COPY_SUFFIX}`;

  for (const slug of slugCandidates(source.slug, "-copy")) {
    if (RESERVED_SLUGS.has(slug) || (await slugIsTaken(slug))) continue;
    // Parsed again so the copy is as valid as any saved draft, whatever the source holds (a
    // draft stored before a limit existed is refused with the field to fix: 400, not 500).
    const draft = parseOrThrow(moduleContent, { ...(source.draft as object), slug, title });
    try {
      const created = await Module.create({
        slug,
        title,
        draft,
        source: "authoring",
        createdBy: input.actor.id,
        updatedBy: input.actor.id,
      });
      await recordAudit({
        actor: input.actor,
        action: "module.duplicate",
        target: { kind: "module", id: created.id, slug },
        detail: { from: source.slug },
      });
      return { slug };
    } catch (err) {
      // Someone took this name a moment ago; try the next one.
      if (!isDuplicateKey(err)) throw err;
    }
  }
  throw new Error(`no free slug for a copy of ${source.slug}`);
}
