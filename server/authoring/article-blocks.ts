// Reads pasted article text (plain text or Markdown) into a flat list of blocks: headings,
// paragraphs and list items. Pasted articles rarely use Markdown, so headings are also
// recognised by how they look: "1. COLLEAGUES", "A. Open communication", an ALL-CAPS line,
// "Key Points:" or a short unpunctuated line (often with an emoji) followed by a paragraph.

export type ArticleBlock =
  | { kind: "heading"; level: number; text: string }
  | { kind: "paragraph"; text: string }
  | { kind: "item"; text: string };

export interface ParsedArticle {
  /** The first line, cleaned, when it reads as a title (short); otherwise null. */
  titleLine: string | null;
  blocks: ArticleBlock[];
}

type Line =
  | { kind: "blank" }
  | { kind: "markdown-heading"; level: number; text: string }
  | { kind: "section"; text: string }
  | { kind: "subsection"; text: string }
  | { kind: "item"; text: string }
  | { kind: "text"; text: string; maybeHeading: boolean };

/** Headings recognised by their look sit at the level of a Markdown "##". */
export const SECTION_LEVEL = 2;
const TITLE_MAX = 120;
const HEADING_MAX = 80;
const BULLET = /^\s*(?:[-*+•‣◦▪●]|\d{1,2}[.)])\s+(.+)$/;

export function parseArticle(raw: string): ParsedArticle {
  const lines = raw
    .replace(/\r\n?/g, "\n")
    .replace(/[\u00a0\u2007\u202f]/g, " ")
    .split("\n")
    .map((l) => l.trimEnd());
  const first = lines.findIndex((l) => l.trim() !== "");
  if (first < 0) return { titleLine: null, blocks: [] };

  const firstText = stripMarkdownHeading(lines[first] ?? "").trim();
  const titleLine = firstText.length <= TITLE_MAX ? firstText : null;
  // Some pages repeat their title as the first line of the body; it is not content.
  const rest = lines
    .slice(titleLine ? first + 1 : first)
    .filter((l) => !titleLine || stripMarkdownHeading(l).trim() !== titleLine);

  const classified = rest.map(classifyLine);
  // Markdown (and hard-wrapped text) separates paragraphs with blank lines; most pasted web text
  // puts one paragraph on each line instead.
  const blanks = classified.filter((l) => l.kind === "blank").length;
  const wrapped = blanks > 0 && blanks * 4 >= classified.length - blanks;
  return { titleLine, blocks: toBlocks(classified, wrapped) };
}

function stripMarkdownHeading(line: string): string {
  return dropClosingHashes(line.replace(/^\s{0,3}#{1,6}\s+/, ""));
}

/**
 * "Title ##" → "Title". Done by hand: a regex such as /\s+#+\s*$/ retries from every space of a
 * long run that is not at the end, which makes one hostile line cost seconds.
 */
function dropClosingHashes(text: string): string {
  const trimmed = text.trimEnd();
  let end = trimmed.length;
  while (end > 0 && trimmed[end - 1] === "#") end--;
  if (end === trimmed.length || end === 0 || !/\s/.test(trimmed[end - 1] ?? "")) return trimmed;
  return trimmed.slice(0, end).trimEnd();
}

function classifyLine(line: string): Line {
  const text = line.trim();
  if (!text) return { kind: "blank" };
  const md = /^\s{0,3}(#{1,6})\s+(\S.*)$/.exec(line);
  if (md?.[1] && md[2]) {
    const heading = dropClosingHashes(md[2]);
    if (heading) return { kind: "markdown-heading", level: md[1].length, text: heading };
  }
  const numbered = /^(\d{1,2})[.)]\s+(.+)$/.exec(text);
  if (numbered?.[2] && looksLikeHeading(numbered[2])) return { kind: "section", text: numbered[2] };
  const lettered = /^([A-Z])[.)]\s+(.+)$/.exec(text);
  if (lettered?.[2] && looksLikeHeading(lettered[2])) {
    return { kind: "subsection", text: lettered[2] };
  }
  const bullet = BULLET.exec(line);
  if (bullet?.[1]) return { kind: "item", text: bullet[1].trim() };
  if (isAllCaps(text) && looksLikeHeading(text)) return { kind: "section", text };
  // "Key Points Discussed:" — a short label that introduces what follows.
  if (/^[^.!?]{3,40}:$/.test(text) && text.split(/\s+/).length <= 4) {
    return { kind: "section", text: text.slice(0, -1) };
  }
  return { kind: "text", text, maybeHeading: looksLikeHeading(text) };
}

function isAllCaps(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, "");
  return letters.length >= 3 && letters === letters.toUpperCase() && /\p{Lu}/u.test(letters);
}

function looksLikeHeading(text: string): boolean {
  if (text.length < 3 || text.length > HEADING_MAX) return false;
  if (text.split(/\s+/).length > 12) return false;
  if (/[.,;:!?…"”’]$/.test(text)) return false;
  if (/^[[(“"'‘]/.test(text)) return false;
  // After any leading emoji or symbols, a heading starts with a capital letter or a digit.
  return /^[^\p{L}\p{N}]*[\p{Lu}\p{N}]/u.test(text);
}

function toBlocks(lines: Line[], wrapped: boolean): ArticleBlock[] {
  const blocks: ArticleBlock[] = [];
  const last = () => blocks[blocks.length - 1];
  const nextContent = nextNonBlank(lines);
  lines.forEach((line, i) => {
    const previous = lines[i - 1];
    switch (line.kind) {
      case "blank":
        return;
      case "markdown-heading":
        blocks.push({ kind: "heading", level: line.level, text: line.text });
        return;
      case "section":
        blocks.push({ kind: "heading", level: SECTION_LEVEL, text: line.text });
        return;
      case "subsection":
        blocks.push({ kind: "heading", level: SECTION_LEVEL + 1, text: line.text });
        return;
      case "item":
        blocks.push({ kind: "item", text: line.text });
        return;
      case "text": {
        const startsBlock = !wrapped || !previous || previous.kind === "blank";
        const next = nextContent[i];
        // A short line reads as a heading only when a longer paragraph follows it.
        if (
          line.maybeHeading &&
          startsBlock &&
          next?.kind === "text" &&
          next.text.length > line.text.length &&
          !next.maybeHeading
        ) {
          blocks.push({ kind: "heading", level: SECTION_LEVEL, text: line.text });
          return;
        }
        const prev = last();
        if (wrapped && !startsBlock && prev && prev.kind !== "heading") {
          prev.text = `${prev.text} ${line.text}`;
          return;
        }
        blocks.push({ kind: "paragraph", text: line.text });
        return;
      }
    }
  });
  return blocks;
}

/** For each line, the next line that is not blank: one pass from the end, not a search per line. */
function nextNonBlank(lines: Line[]): (Line | undefined)[] {
  const next: (Line | undefined)[] = new Array(lines.length);
  let following: Line | undefined;
  for (let i = lines.length - 1; i >= 0; i--) {
    next[i] = following;
    const line = lines[i];
    if (line && line.kind !== "blank") following = line;
  }
  return next;
}
