import type { ContentModule, QuestionType } from "../content/content-types.ts";
import type { LintRule } from "../content/lint/hint.ts";

// What the server hands the module editor's script (public/authoring/src), typed once for both
// sides: the page's data block and the answer to a save.

/** A note beside a field of a draft that saves but is not ready (module-hints.ts). */
export interface EditorHint {
  /** The content path as the editor's data-path reads it: "quiz.2.options.0.text"; "" = the module. */
  path: string;
  message: string;
  /** True for what publishModule refuses (it checks publishBlockers itself). */
  blocksPublish: boolean;
  /** The linter rule, for advice ("longest-correct" …); absent for publish blockers. */
  rule?: LintRule;
  /** What the rule looks for, in a few words (LINT_RULES). */
  about?: string;
}

/** The editor page's #editor-data block (views/admin/editor.ejs). */
export interface EditorPageData {
  slug: string;
  revision: number;
  publishedVersion: number;
  status: string;
  questionTypes: readonly QuestionType[];
  placeholderMark: string;
  hints: EditorHint[];
  /** The stored draft, which passed the content schema when it was saved. */
  draft: ContentModule;
}

/** What a saved draft answers (PUT /api/admin/modules/:slug/draft). */
export interface SavedDraft {
  revision: number;
  status: string;
  slug: string;
  hints: EditorHint[];
}
