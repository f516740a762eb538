import { type AuditActor, recordAudit } from "../audit/record-audit.ts";
import { Module } from "../content/module-model.ts";
import { moduleContent } from "../content/module-schema.ts";
import { ValidationError } from "../http/http-errors.ts";
import { fieldErrors } from "../http/zod-fields.ts";
import { articleToModule } from "./article-to-module.ts";
import { firstFreeSlug, isDuplicateKey, slugify } from "./module-slugs.ts";

export const ARTICLE_TEXT_MAX = 500_000;

export interface ImportArticleInput {
  text: string;
  /** Overrides the title taken from the article's first line. */
  title?: string;
  actor: AuditActor;
}

/** Creates an unpublished draft from article text; the slug comes from the title, made unique. */
export async function importArticle(input: ImportArticleInput): Promise<{ slug: string }> {
  const text = input.text;
  if (!text.trim()) throw new ValidationError({ text: "Paste the article's text" });
  if (text.length > ARTICLE_TEXT_MAX) {
    throw new ValidationError({
      text: `An article may be at most ${ARTICLE_TEXT_MAX.toLocaleString("en")} characters`,
    });
  }
  const title = input.title?.trim() || undefined;
  if (title !== undefined && (title.length < 3 || title.length > 120)) {
    throw new ValidationError({ title: "must be between 3 and 120 characters" });
  }
  const draft = articleToModule(text, { slug: "placeholder", title });
  if (draft.tooLong) throw new ValidationError({ text: draft.tooLong });
  const base = slugify(String(draft.content.title), 50) || "imported-article";

  for (let tries = 0; tries < 5; tries++) {
    const slug = await firstFreeSlug(base);
    const parsed = moduleContent.safeParse({ ...draft.content, slug });
    // A draft that fails here is a bug in the converter; nothing is saved and the author is told.
    if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error));
    try {
      const created = await Module.create({
        slug,
        title: parsed.data.title,
        draft: parsed.data,
        source: "import",
        createdBy: input.actor.id,
        updatedBy: input.actor.id,
      });
      await recordAudit({
        actor: input.actor,
        action: "module.import-article",
        target: { kind: "module", id: created.id, slug },
        detail: { lessons: parsed.data.lessons.length, characters: text.length },
      });
      return { slug };
    } catch (err) {
      // The free slug was taken a moment ago by someone else; look again.
      if (!isDuplicateKey(err)) throw err;
    }
  }
  throw new Error(`could not find a free slug for ${base}`);
}
