import { content, type ScoContent, type ScoLesson } from "./content.ts";
import { itemAt } from "./item-at.ts";

// The module's pages in order: its lessons, then reflections, the final quiz and the worksheet.
// A page's key is what the LMS keeps as the learner's location.

export type Page =
  | { key: string; kind: "lesson"; title: string; lesson: ScoLesson; index: number }
  | { key: string; kind: "reflections" | "quiz" | "worksheet"; title: string };

function buildPages(c: ScoContent): Page[] {
  const list: Page[] = c.lessons.map((lesson, index) => ({
    key: `lesson/${lesson.id}`,
    kind: "lesson",
    title: lesson.title,
    lesson,
    index,
  }));
  if (c.reflections.length)
    list.push({ key: "reflections", kind: "reflections", title: "Reflections" });
  list.push({ key: "quiz", kind: "quiz", title: "Final quiz" });
  if (c.worksheet) list.push({ key: "worksheet", kind: "worksheet", title: c.worksheet.title });
  return list;
}

export const pages = buildPages(content);

/** The page at an index already clamped to the list. */
export const pageAt = (index: number): Page => itemAt(pages, index);

export const pageIndex = (key: string): number =>
  Math.max(
    0,
    pages.findIndex((p) => p.key === key),
  );
