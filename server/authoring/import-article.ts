import { type AuditActor, recordAudit } from "../audit/record-audit.ts";
import { Module } from "../content/module-model.ts";
import { type ModuleContent, moduleSlug } from "../content/module-schema.ts";
import {
  isPlaceholderText,
  publishBlockers,
  unmarkPlaceholder,
} from "../content/publish-blockers.ts";
import { HttpError, ValidationError } from "../http/http-errors.ts";
import { fieldErrors } from "../http/zod-fields.ts";
import type { DroppedText } from "./article-boilerplate.ts";
import type { ArticleImportPreview } from "./article-import-preview.ts";
import {
  firstFreeSlug,
  isDuplicateKey,
  RESERVED_SLUGS,
  SLUG_RESERVED,
  SLUG_TAKEN,
  slugIsTaken,
  suggestSlug,
} from "./module-slugs.ts";
import { runAuthoringTask } from "./run-authoring-task.ts";

export const ARTICLE_TEXT_MAX = 500_000;
/** Converting the largest article takes well under a second; this only stops the pathological. */
export const IMPORT_TIME_LIMIT_MS = 10_000;

export interface ImportArticleInput {
  text: string;
  /** Overrides the title taken from the article's first line or heading. */
  title?: string;
  /** The slug the author confirmed; left out, a free one is made from the title. */
  slug?: string;
  actor: AuditActor;
}

/** Converts the article without saving anything: the import page shows this to confirm. */
export async function previewArticleImport(input: {
  text: string;
  title?: string;
}): Promise<ArticleImportPreview> {
  const { content, dropped } = await convert(input.text, input.title);
  return {
    title: unmarkPlaceholder(content.title),
    titleIsPlaceholder: isPlaceholderText(content.title),
    slug: await firstFreeSlug(slugBase(content.title)),
    topics: content.topics,
    lessons: content.lessons.map((l) => ({
      title: unmarkPlaceholder(l.title),
      minutes: l.minutes,
    })),
    questions: content.quiz.length + content.lessons.reduce((n, l) => n + l.checks.length, 0),
    placeholders: publishBlockers(content).length,
    dropped,
  };
}

/** Creates an unpublished draft from article text, under the slug the author confirmed. */
export async function importArticle(input: ImportArticleInput): Promise<{ slug: string }> {
  const chosen = input.slug?.trim() || undefined;
  if (chosen !== undefined) await assertSlugIsFree(chosen);
  const { content: draft } = await convert(input.text, input.title);
  const base = slugBase(draft.title);

  for (let tries = 0; tries < 5; tries++) {
    const slug = chosen ?? moduleSlug.parse(await firstFreeSlug(base));
    const content = { ...draft, slug };
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
        detail: { lessons: content.lessons.length, characters: input.text.length },
      });
      return { slug };
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      // The author's own choice was taken a moment ago: say so rather than pick another.
      if (chosen !== undefined) throw new ValidationError({ slug: SLUG_TAKEN });
      // The free slug was taken a moment ago by someone else; look again.
    }
  }
  throw new Error(`could not find a free slug for ${base}`);
}

async function convert(
  text: string,
  rawTitle: string | undefined,
): Promise<{ content: ModuleContent; dropped: DroppedText[] }> {
  if (!text.trim()) throw new ValidationError({ text: "Paste the article's text" });
  if (text.length > ARTICLE_TEXT_MAX) {
    throw new ValidationError({
      text: `An article may be at most ${ARTICLE_TEXT_MAX.toLocaleString("en")} characters`,
    });
  }
  const title = rawTitle?.trim() || undefined;
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
  return { content: draft.content, dropped: draft.dropped };
}

const slugBase = (title: string) =>
  (isPlaceholderText(title) ? "" : suggestSlug(title)) || "imported-article";

async function assertSlugIsFree(slug: string): Promise<void> {
  const parsed = moduleSlug.safeParse(slug);
  if (!parsed.success) throw new ValidationError({ slug: fieldErrors(parsed.error).form ?? "" });
  if (RESERVED_SLUGS.has(slug)) throw new ValidationError({ slug: SLUG_RESERVED });
  if (await slugIsTaken(slug)) throw new ValidationError({ slug: SLUG_TAKEN });
}
