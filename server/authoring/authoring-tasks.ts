import { type ModuleContent, moduleContent } from "../content/module-schema.ts";
import { renderMarkdown } from "../content/render-markdown.ts";
import { fieldErrors } from "../http/zod-fields.ts";
import { type PackageFormat, packageEntries } from "../scorm/export-package.ts";
import { renderBundle, type ScormTarget } from "../scorm/render-bundle.ts";
import type { DroppedText } from "./article-boilerplate.ts";
import { articleToModule } from "./article-to-module.ts";
import { DIFF_BUDGET_MS, type DiffPart, diffLessons, type LessonDiff } from "./diff-lessons.ts";
import { diffQuestions, diffSettings } from "./diff-questions.ts";
import { renderDiffHtml, renderPartsHtml } from "./render-diff.ts";

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

  /**
   * Everything that changed between two versions, all comparisons sharing one time budget. With
   * `render`, each change also carries its HTML for the diff page: lessons rendered as learners
   * see them (and their Markdown source), settings and question fields as marked text.
   */
  diffVersions(input: { before: ModuleContent; after: ModuleContent; render: boolean }) {
    const deadline = Date.now() + DIFF_BUDGET_MS;
    const lessons: (LessonDiff & { html?: string; sourceHtml?: string })[] = diffLessons(
      input.before.lessons,
      input.after.lessons,
      DIFF_BUDGET_MS,
      deadline,
    );
    const settings = diffSettings(input.before, input.after, deadline);
    const questions = diffQuestions(input.before, input.after, deadline);
    if (!input.render) return { settings, lessons, questions };
    for (const lesson of lessons) {
      if (lesson.status === "unchanged") continue;
      lesson.html = renderDiffHtml(lesson.parts);
      lesson.sourceHtml = renderPartsHtml(lesson.parts);
    }
    const withHtml = <T extends { parts: DiffPart[] }>(f: T) => ({
      ...f,
      html: renderPartsHtml(f.parts),
    });
    return {
      settings: settings.map(withHtml),
      lessons,
      questions: questions.map((q) => ({ ...q, fields: q.fields.map(withHtml) })),
    };
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
