import type { ModuleContentInput } from "../content/module-schema.ts";
import { isPlaceholderText, markPlaceholder } from "../content/publish-blockers.ts";
import { type ArticleBlock, parseArticle } from "./article-blocks.ts";
import { type DroppedText, dropBoilerplate, pageSectionReason } from "./article-boilerplate.ts";
import { checkStub, idAllocator, quizStub } from "./article-stubs.ts";
import { guessTopics } from "./article-topics.ts";
import { suggestSlug } from "./module-slugs.ts";

// Turns article text into a draft an author then rewrites: the title from the article's first
// line or heading, one lesson per section (the text before the first heading as an
// introduction), page furniture such as share lines and "About us" adverts left out, lists
// gathered as "Key points", and in each lesson a knowledge check and a quiz question to rewrite.
// Every stub is valid content marked as a placeholder, so the draft saves and previews at once
// and cannot be published until each stub has been rewritten.

const MAX_LESSONS = 12;
const WORDS_PER_MINUTE = 180;
const WORDS_PER_PART = 250;
const TITLE_MAX = 120;
const SUMMARY_MAX = 400;
export const LESSON_TEXT_MAX = 100_000;

interface Section {
  title: string;
  blocks: ArticleBlock[];
  /** Titles Rapport made up ("Part 2") are placeholders the author should replace. */
  madeUpTitle?: boolean;
}

export interface ArticleDraft {
  content: ModuleContentInput;
  /** What was left out as page furniture, for the import to report. */
  dropped: DroppedText[];
  /** Set when a section is longer than a lesson may be: the message to show the author. */
  tooLong?: string;
}

export function articleToModule(
  text: string,
  opts: { slug: string; title?: string },
): ArticleDraft {
  const parsed = parseArticle(text);
  const { blocks, dropped } = dropBoilerplate(parsed.blocks);
  const title = opts.title?.trim() || titleOf(parsed.titleLine, blocks);
  const sections = capSections(keepSubjectSections(splitSections(blocks), dropped));
  const lessons = toLessons(sections);
  const tooLong = lessons.find((l) => l.markdown.length > LESSON_TEXT_MAX);
  const minutes = lessons.reduce((sum, l) => sum + l.minutes, 0);
  const nextId = idAllocator();
  const stubLessons = lessons.map((l, i) => ({
    id: l.id,
    title: sections[i]?.madeUpTitle ? `Part ${i + 1}` : l.title,
    blocks: sections[i]?.blocks ?? [],
  }));
  for (const [i, lesson] of lessons.entries()) {
    lesson.checks = [checkStub(stubLessons[i] as (typeof stubLessons)[number], nextId)];
  }
  return {
    content: {
      slug: opts.slug,
      title,
      summary: summaryFrom(blocks, title),
      topics: guessTopics(blocks, isPlaceholderText(title) ? "" : title),
      minutes: Math.min(Math.max(minutes, 1), 120),
      passMark: 80,
      lessons,
      quiz: stubLessons.map((l, i) => quizStub(l, i + 1, nextId)),
      reflections: [],
    },
    dropped,
    ...(tooLong
      ? {
          tooLong: `The section "${tooLong.title}" is longer than a lesson may be (${LESSON_TEXT_MAX.toLocaleString("en")} characters). Add headings to split it.`,
        }
      : {}),
  };
}

/**
 * The article's first line when it reads as a title, else its first heading; never a sentence
 * cut short. With neither, a placeholder the author must replace.
 */
function titleOf(titleLine: string | null, blocks: ArticleBlock[]): string {
  const line = titleLine ? cleanTitle(titleLine) : "";
  if (line.length >= 3 && line.length <= TITLE_MAX) return line;
  for (const b of blocks) {
    if (b.kind !== "heading") continue;
    const heading = cleanTitle(cleanHeading(b.text));
    if (heading.length >= 3 && heading.length <= TITLE_MAX) return heading;
  }
  return markPlaceholder("Name this module");
}

/** Sections about the page rather than the subject ("About the author") are left out. */
function keepSubjectSections(sections: Section[], dropped: DroppedText[]): Section[] {
  return sections.filter((section) => {
    const reason = pageSectionReason(section.title, section.blocks);
    if (reason) dropped.push({ text: section.title, reason });
    return !reason;
  });
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
  let current: Section = { title: "Part 1", blocks: [], madeUpTitle: true };
  let used = 0;
  for (const block of blocks) {
    const full = used >= perPart * (sections.length + 1);
    // Never end a part between a list's items.
    if (full && block.kind !== "item" && current.blocks.length > 0 && sections.length < parts - 1) {
      sections.push(current);
      current = { title: `Part ${sections.length + 1}`, blocks: [], madeUpTitle: true };
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
    let id = suggestSlug(section.madeUpTitle ? `part ${i + 1}` : title, 30) || `lesson-${i + 1}`;
    if (ids.has(id)) id = `${id}-${i + 1}`;
    ids.add(id);
    const words = section.blocks.reduce((n, b) => n + wordCount(b.text), 0);
    const madeUp = section.madeUpTitle || title !== cleanHeading(section.title);
    return {
      id,
      title: madeUp ? markPlaceholder(title) : title,
      minutes: Math.min(Math.max(Math.ceil(words / WORDS_PER_MINUTE), 1), 10),
      markdown: lessonMarkdown(section.blocks),
      checks: [] as NonNullable<ModuleContentInput["lessons"][number]["checks"]>,
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
    else body.push(boldLabel(b.text));
  }
  if (points.length > 0) body.push("### Key points", points.join("\n"));
  return body.join("\n\n");
}

/** "Career Growth: Leaders who…" reads as a run-in heading; it is shown as one. */
function boldLabel(text: string): string {
  const colon = text.indexOf(": ");
  if (colon < 3 || colon > 60) return text;
  const label = text.slice(0, colon);
  const words = label.split(" ");
  if (words.length > 8 || /[.!?*_`]/.test(label) || !/^\p{Lu}/u.test(label)) return text;
  if (text.length - colon < 20) return text;
  return `**${label}:** ${text.slice(colon + 2)}`;
}

/** The first paragraph's whole sentences, up to the summary's limit. */
function summaryFrom(blocks: ArticleBlock[], title: string): string {
  const first = blocks.find((b) => b.kind === "paragraph")?.text ?? "";
  let summary = "";
  for (const sentence of first.slice(0, SUMMARY_MAX * 2).split(/(?<=[.!?])\s+/)) {
    const next = summary ? `${summary} ${sentence}` : sentence;
    if (next.length > SUMMARY_MAX) break;
    summary = next;
  }
  if (!summary) summary = cut(first, SUMMARY_MAX);
  return summary.length >= 10
    ? summary
    : markPlaceholder(`Say what learners will take from “${title}”.`.slice(0, SUMMARY_MAX - 20));
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
  return raw.replace(/[*_`]/g, "").replace(/\s+/g, " ").trim();
}

/** Cuts at a word boundary and marks the cut with an ellipsis. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const slice = text.slice(0, max - 1);
  const space = slice.lastIndexOf(" ");
  return `${(space > max / 2 ? slice.slice(0, space) : slice).trimEnd()}…`;
}

const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;
