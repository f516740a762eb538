import type {
  ContentModule,
  ContentLesson as Lesson,
  ContentQuestion as Question,
  QuestionType,
} from "../../../server/content/content-types.ts";
import type { MarkdownPreviewer } from "./markdown-preview.ts";

// The draft the editor works on, typed as the server's content schema reads it
// (server/content/content-types.ts, which module-schema.ts holds to the schema): a change to the
// content's shape fails this code's type-check too. Edits are written by path (draft-paths.ts), so between saves a field may hold
// what the author typed (text where a number belongs) until the server names the field.

export type Draft = ContentModule;
export type { Lesson, Question, QuestionType };
export type QuestionOf<T extends QuestionType> = Extract<Question, { type: T }>;

export interface StructuralOptions {
  /** The element to focus afterwards, by id. */
  focusId?: string;
  /** Or the first control inside this element. */
  focusFirstIn?: string;
  /** What a screen reader is told happened. */
  announce?: string;
}

/** What the editor's parts share: the draft, what is open, and the ways to change its shape. */
export interface EditorContext {
  draft: Draft;
  publishedVersion: number;
  questionTypes: readonly QuestionType[];
  openQuestions: WeakSet<Question>;
  openLessons: WeakSet<Lesson>;
  previewer: MarkdownPreviewer;
  /** The index of the lesson being dragged, while one is. */
  dragFrom: number | null;
  /** Changes the draft's shape, re-renders, then focuses and announces. */
  structural(mutate: () => unknown, options?: StructuralOptions): void;
  /** Moves list[from] to `to`; focus follows the moved entry's own Move button. */
  moveItem(list: unknown[], from: number, to: number, listPath: string, label: string): void;
}
