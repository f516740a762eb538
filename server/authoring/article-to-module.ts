import type { ModuleContentInput } from "../content/module-schema.ts";
import { type ArticleBlock, parseArticle } from "./article-blocks.ts";
import { slugify, truncateSlug } from "./module-slugs.ts";

// Turns article text into a draft an author then rewrites: one lesson per section heading, the
// text before the first heading as an introduction, lists gathered as "Key points", and one
// placeholder quiz question per lesson. Every placeholder is valid content, so the draft saves
// and previews at once, and its wording says what to replace.

const MAX_LESSONS = 12;
const WORDS_PER_MINUTE = 180;
const WORDS_PER_PART = 250;
const TITLE_MAX = 120;
const SUMMARY_MAX = 400;
export const LESSON_TEXT_MAX = 100_000;

interface Section {
  title: string;
  blocks: ArticleBlock[];
}

export interface ArticleDraft {
  content: ModuleContentInput;
  /** Set when a section is longer than a lesson may be: the message to show the author. */
  tooLong?: string;
}

export function articleToModule(
  text: string,
  opts: { slug: string; title?: string },
): ArticleDraft {
  const { titleLine, blocks } = parseArticle(text);
  const title = cleanTitle(opts.title?.trim() || titleLine || firstWords(blocks, 10) || "");
  const sections = capSections(splitSections(blocks));
  const lessons = toLessons(sections);
  const tooLong = lessons.find((l) => l.markdown.length > LESSON_TEXT_MAX);
  const minutes = lessons.reduce((sum, l) => sum + l.minutes, 0);
  return {
    content: {
      slug: opts.slug,
      title: title.length >= 3 ? title : "Imported article",
      summary: summaryFrom(blocks, title),
      topics: [truncateSlug(opts.slug, 40) || "imported"],
      minutes: Math.min(Math.max(minutes, 1), 120),
      passMark: 80,
      lessons,
      quiz: lessons.map((l) => stubQuestion(l.id, l.title)),
      reflections: [],
    },
    ...(tooLong
      ? {
          tooLong: `The section "${tooLong.title}" is longer than a lesson may be (${LESSON_TEXT_MAX.toLocaleString("en")} characters). Add headings to split it.`,
        }
      : {}),
  };
}

/** Sections at the shallowest heading level; deeper headings stay inside their lesson. */
function splitSections(blocks: ArticleBlock[]): Section[] {
  // A loop, not Math.min(...levels): spreading 100,000 headings overflows the call stack.
  let top = Number.POSITIVE_INFINITY;
  for (const b of blocks) if (b.kind === "heading" && b.level < top) top = b.level;
  if (top === Number.POSITIVE_INFINITY) return splitIntoParts(blocks);
  const sections: Section[] = [{ title: "Introduction", blocks: [] }];
  for (const block of blocks) {
    if (block.kind === "heading" && block.level === top) {
      sections.push({ title: block.text, blocks: [] });
    } else {
      sections[sections.length - 1]?.blocks.push(block);
    }
  }
  return sections.filter((s) => s.blocks.length > 0);
}

/** An article without headings is cut into parts of a few minutes' reading each. */
function splitIntoParts(blocks: ArticleBlock[]): Section[] {
  const words = blocks.reduce((n, b) => n + wordCount(b.text), 0);
  const parts = Math.min(Math.max(Math.round(words / WORDS_PER_PART), 1), MAX_LESSONS);
  const perPart = words / parts;
  const sections: Section[] = [];
  let current: Section = { title: "Part 1", blocks: [] };
  let used = 0;
  for (const block of blocks) {
    const full = used >= perPart * (sections.length + 1);
    // Never end a part between a list's items.
    if (full && block.kind !== "item" && current.blocks.length > 0 && sections.length < parts - 1) {
      sections.push(current);
      current = { title: `Part ${sections.length + 1}`, blocks: [] };
    }
    current.blocks.push(block);
    used += wordCount(block.text);
  }
  if (current.blocks.length > 0) sections.push(current);
  return sections;
}

/** At most 12 lessons: sections beyond the eleventh become subsections of the last lesson. */
function capSections(sections: Section[]): Section[] {
  if (sections.length <= MAX_LESSONS) return sections;
  const kept = sections.slice(0, MAX_LESSONS - 1);
  const rest = sections.slice(MAX_LESSONS - 1);
  const [head, ...tail] = rest;
  if (!head) return kept;
  const merged: Section = {
    title: head.title,
    blocks: [
      ...head.blocks,
      ...tail.flatMap((s): ArticleBlock[] => [
        { kind: "heading", level: 99, text: s.title },
        ...s.blocks,
      ]),
    ],
  };
  return [...kept, merged];
}

function toLessons(sections: Section[]) {
  const ids = new Set<string>();
  return sections.map((section, i) => {
    const title = lessonTitle(section.title, i);
    let id = slugify(title, 50) || `lesson-${i + 1}`;
    if (ids.has(id)) id = `${id}-${i + 1}`;
    ids.add(id);
    const words = section.blocks.reduce((n, b) => n + wordCount(b.text), 0);
    return {
      id,
      title,
      minutes: Math.min(Math.max(Math.ceil(words / WORDS_PER_MINUTE), 1), 10),
      markdown: lessonMarkdown(section.blocks),
      checks: [],
    };
  });
}

/** Paragraphs and subheadings in order, then every list item of the section as key points. */
function lessonMarkdown(blocks: ArticleBlock[]): string {
  const body: string[] = [];
  const points: string[] = [];
  for (const b of blocks) {
    if (b.kind === "item") points.push(`- ${b.text}`);
    else if (b.kind === "heading") body.push(`### ${cleanHeading(b.text)}`);
    else body.push(b.text);
  }
  if (points.length > 0) body.push("### Key points", points.join("\n"));
  return body.join("\n\n");
}

function stubQuestion(lessonId: string, lessonTitle: string) {
  return {
    id: truncateSlug(`q-${lessonId}`, 40),
    type: "single" as const,
    prompt: `Write a question about ${lessonTitle}`,
    options: [
      {
        text: "The correct answer (replace this text)",
        correct: true,
        feedback: "Explain why this answer is right.",
      },
      {
        text: "A wrong answer (replace this text)",
        correct: false,
        feedback: "Explain why this answer is wrong.",
      },
    ],
  };
}

function summaryFrom(blocks: ArticleBlock[], title: string): string {
  const first = blocks.find((b) => b.kind === "paragraph")?.text ?? "";
  const summary = cut(first, SUMMARY_MAX);
  return summary.length >= 10 ? summary : `Imported from the article “${title}”. Write a summary.`;
}

function lessonTitle(raw: string, index: number): string {
  const title = cut(cleanHeading(raw), TITLE_MAX);
  return title.length >= 3 ? title : `Section ${index + 1}`;
}

/** Drops numbering, emoji and Markdown marks; "DIRECT REPORTS" becomes "Direct Reports". */
function cleanHeading(raw: string): string {
  const text = raw
    .replace(/[*_`]/g, "")
    .replace(/^[^\p{L}\p{N}]+/u, "")
    .replace(/^(\d{1,2}|[A-Z])[.)]\s+/, "")
    .replace(/\s+/g, " ");
  return titleCase(trimColons(text));
}

/** Drops trailing colons and spaces; by hand, as /[:\s]+$/ retries from every one of a long run. */
function trimColons(text: string): string {
  let end = text.length;
  while (end > 0 && (text[end - 1] === ":" || text[end - 1] === " ")) end--;
  return text.slice(0, end);
}

function titleCase(text: string): string {
  const letters = text.replace(/[^\p{L}]/gu, "");
  if (letters.length > 1 && letters === letters.toUpperCase()) {
    return text.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_, sep, c) => sep + c.toUpperCase());
  }
  return text;
}

function cleanTitle(raw: string): string {
  return cut(raw.replace(/[*_`]/g, "").replace(/\s+/g, " ").trim(), TITLE_MAX);
}

function firstWords(blocks: ArticleBlock[], n: number): string {
  const text = blocks.find((b) => b.kind === "paragraph")?.text ?? "";
  const words = text.split(/\s+/).filter(Boolean);
  return words.length > n ? `${words.slice(0, n).join(" ")}…` : words.join(" ");
}

/** Cuts at a word boundary and marks the cut with an ellipsis. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const slice = text.slice(0, max - 1);
  const space = slice.lastIndexOf(" ");
  return `${(space > max / 2 ? slice.slice(0, space) : slice).trimEnd()}…`;
}

const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;
