import { type ModuleContent, moduleContent } from "../content/module-schema.ts";
import { renderMarkdown } from "../content/render-markdown.ts";
import { fieldErrors } from "../http/zod-fields.ts";
import { type PackageFormat, packageEntries } from "../scorm/export-package.ts";
import { renderBundle, type ScormTarget } from "../scorm/render-bundle.ts";
import type { DroppedText } from "./article-boilerplate.ts";
import { articleToModule } from "./article-to-module.ts";
import { diffLessons } from "./diff-lessons.ts";

// The authoring work that runs on worker threads (see run-authoring-task.ts): plain functions of
// plain data, so tests can also call them directly.

export type ArticleDraftResult =
  | { ok: true; content: ModuleContent; dropped: DroppedText[] }
  | { ok: false; fields: Record<string, string> };

/** Slug the converter is given; the real one is chosen on the main thread, once it is free. */
export const DRAFT_SLUG = "placeholder";

export const authoringTasks = {
  /** An article as a validated draft, or the message for each field that stops it. */
  articleDraft(input: { text: string; title?: string }): ArticleDraftResult {
    const draft = articleToModule(input.text, { slug: DRAFT_SLUG, title: input.title });
    if (draft.tooLong) return { ok: false, fields: { text: draft.tooLong } };
    const parsed = moduleContent.safeParse(draft.content);
    // A draft that fails here is a bug in the converter; the author is told what failed.
    if (!parsed.success) return { ok: false, fields: fieldErrors(parsed.error) };
    return { ok: true, content: parsed.data, dropped: draft.dropped };
  },

  diffLessons(input: { before: ModuleContent["lessons"]; after: ModuleContent["lessons"] }) {
    return diffLessons(input.before, input.after);
  },

  renderMarkdown(input: { markdown: string }): string {
    return renderMarkdown(input.markdown);
  },

  /** A SCORM package's files, for export-routes.ts to zip. */
  packageEntries(input: { content: ModuleContent; version: number; format: PackageFormat }) {
    return packageEntries(input.content, { version: input.version, format: input.format });
  },

  /** A version's SCO bundle, for the player to cache. */
  renderBundle(input: { content: ModuleContent; version: number; target: ScormTarget }) {
    return renderBundle(input.content, { version: input.version, target: input.target });
  },
};

export type AuthoringTasks = typeof authoringTasks;
