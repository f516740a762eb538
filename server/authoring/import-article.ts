import { type AuditActor, recordAudit } from "../audit/record-audit.ts";
import { Module } from "../content/module-model.ts";
import { moduleSlug } from "../content/module-schema.ts";
import { HttpError, ValidationError } from "../http/http-errors.ts";
import { firstFreeSlug, isDuplicateKey, slugify } from "./module-slugs.ts";
import { runAuthoringTask } from "./run-authoring-task.ts";

export const ARTICLE_TEXT_MAX = 500_000;
/** Converting the largest article takes well under a second; this only stops the pathological. */
export const IMPORT_TIME_LIMIT_MS = 10_000;

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
  // Reading and checking the article is the slow part; it runs off the event loop.
  const draft = await runAuthoringTask(
    "articleDraft",
    { text, title },
    {
      timeoutMs: IMPORT_TIME_LIMIT_MS,
      stopped: () =>
        new HttpError(
          413,
          `Converting this article took more than ${IMPORT_TIME_LIMIT_MS / 1000} seconds, so it was stopped. Split it into shorter articles and import them one at a time.`,
        ),
    },
  );
  if (!draft.ok) throw new ValidationError(draft.fields);
  const base = slugify(String(draft.content.title), 50) || "imported-article";

  for (let tries = 0; tries < 5; tries++) {
    const slug = moduleSlug.parse(await firstFreeSlug(base));
    const content = { ...draft.content, slug };
    try {
      const created = await Module.create({
        slug,
        title: content.title,
        draft: content,
        source: "import",
        createdBy: input.actor.id,
        updatedBy: input.actor.id,
      });
      await recordAudit({
        actor: input.actor,
        action: "module.import-article",
        target: { kind: "module", id: created.id, slug },
        detail: { lessons: content.lessons.length, characters: text.length },
      });
      return { slug };
    } catch (err) {
      // The free slug was taken a moment ago by someone else; look again.
      if (!isDuplicateKey(err)) throw err;
    }
  }
  throw new Error(`could not find a free slug for ${base}`);
}
