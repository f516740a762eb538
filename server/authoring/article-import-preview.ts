import type { DroppedText } from "./article-boilerplate.ts";

// Types only, shared with the import page's script (public/authoring/src/import-page.ts).

/** What an import would create, for the author to check before anything is saved. */
export interface ArticleImportPreview {
  title: string;
  /** True when no title could be found and the author must name the module. */
  titleIsPlaceholder: boolean;
  /** A free slug suggested from the title (at most 40 characters). */
  slug: string;
  topics: string[];
  lessons: { title: string; minutes: number }[];
  questions: number;
  /** Pieces of stub text the author must rewrite before publishing. */
  placeholders: number;
  dropped: DroppedText[];
}
