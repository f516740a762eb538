import { type AuditActor, recordAudit } from "../audit/record-audit.ts";
import { Module } from "../content/module-model.ts";
import { moduleContent } from "../content/module-schema.ts";
import { ValidationError } from "../http/http-errors.ts";
import { fieldErrors } from "../http/zod-fields.ts";
import {
  firstFreeSlug,
  isDuplicateKey,
  RESERVED_SLUGS,
  SLUG_RESERVED,
  SLUG_TAKEN,
  slugIsTaken,
  suggestSlug,
} from "./module-slugs.ts";
import { moduleTemplate } from "./module-template.ts";

export interface CreateModuleInput {
  title: string;
  /** Required: a blank slug is answered with a suggestion to confirm (SlugToConfirm). */
  slug?: string;
  actor: AuditActor;
}

/**
 * 400 for a blank slug: the slug becomes the module's address and cannot change once published,
 * so it is never made up silently. `suggestion` is a free slug made from the title.
 */
export class SlugToConfirm extends ValidationError {
  constructor(
    readonly suggestion: string,
    baseTaken: boolean,
  ) {
    super({
      slug: `${baseTaken ? "A module with a slug made from this title already exists. " : ""}Check the suggested slug “${suggestion}”, then create the module. The slug is part of the module's address and cannot change once it is published.`,
    });
  }
}

/** Creates an unpublished module whose draft is a small, valid template. */
export async function createModule(input: CreateModuleInput): Promise<{ slug: string }> {
  const title = input.title.trim();
  const slug = input.slug?.trim() ?? "";
  if (!slug && title.length >= 3) {
    const base = suggestSlug(title) || "module";
    const suggestion = await firstFreeSlug(base);
    throw new SlugToConfirm(suggestion, suggestion !== base);
  }
  const parsed = moduleContent.safeParse(moduleTemplate({ title, slug }));
  if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error));
  if (RESERVED_SLUGS.has(slug)) throw new ValidationError({ slug: SLUG_RESERVED });
  if (await slugIsTaken(slug)) throw new ValidationError({ slug: SLUG_TAKEN });

  let created: InstanceType<typeof Module>;
  try {
    created = await Module.create({
      slug,
      title: parsed.data.title,
      draft: parsed.data,
      source: "authoring",
      createdBy: input.actor.id,
      updatedBy: input.actor.id,
    });
  } catch (err) {
    // Two authors picked the same new slug at the same moment: the unique index decides.
    if (isDuplicateKey(err)) throw new ValidationError({ slug: SLUG_TAKEN });
    throw err;
  }
  await recordAudit({
    actor: input.actor,
    action: "module.create",
    target: { kind: "module", id: created.id, slug },
    detail: { title: parsed.data.title },
  });
  return { slug };
}
