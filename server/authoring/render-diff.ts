import { renderMarkdown } from "../content/render-markdown.ts";
import type { DiffPart } from "./diff-lessons.ts";

// A lesson's changes shown as the learner would read the lesson, not as Markdown source: the
// word diff is written back into one Markdown text with private-use characters around added and
// removed words, rendered by the player's own renderer and sanitiser, and only then are the
// marks turned into <ins> and <del>. Marks never wrap a tag, so the result is always well formed
// and nothing the sanitiser removed can come back.

const INS_OPEN = "\uE000";
const INS_CLOSE = "\uE001";
const DEL_OPEN = "\uE002";
const DEL_CLOSE = "\uE003";
const MARKS = /[\uE000-\uE003]/g;
/** Heading, list and quote markers stay in front of a mark, or the line would lose its kind. */
const BLOCK_PREFIX = /^(?:[ \t]{0,3}(?:#{1,6}[ \t]+|[-*+][ \t]+|\d{1,9}[.)][ \t]+|>[ \t]?))*/;
/** Lines whose meaning is their shape: fences, rules and table separators are left unmarked. */
const SHAPE_LINE = /^[ \t]{0,3}(?:`{3,}|~{3,}|(?:[-*_][ \t]*){3,}$|\|?[ \t]*:?-{3,})/;

export function renderDiffHtml(parts: DiffPart[]): string {
  let md = "";
  for (const part of parts) {
    const value = part.value.replace(MARKS, "");
    if (!part.added && !part.removed) {
      md += value;
      continue;
    }
    const [open, close] = part.added ? [INS_OPEN, INS_CLOSE] : [DEL_OPEN, DEL_CLOSE];
    const startsLine = md === "" || md.endsWith("\n");
    md += value
      .split("\n")
      .map((line, i) => markLine(line, open, close, i > 0 || startsLine))
      .join("\n");
  }
  return marksToTags(renderMarkdown(md));
}

function markLine(line: string, open: string, close: string, atLineStart: boolean): string {
  if (!line.trim() || (atLineStart && SHAPE_LINE.test(line))) return line;
  const prefix = atLineStart ? (BLOCK_PREFIX.exec(line)?.[0] ?? "") : "";
  const rest = line.slice(prefix.length);
  return rest.trim() ? `${prefix}${open}${rest}${close}` : line;
}

/**
 * Replaces the marks in sanitised HTML with <ins>/<del>. An open mark is closed before every
 * tag and reopened only where more visible text follows, so whitespace between blocks (say,
 * between two list items) is never wrapped.
 */
function marksToTags(html: string): string {
  let out = "";
  let kind: "ins" | "del" | null = null;
  let emitted = false;
  const closeTag = () => {
    if (emitted) out += `</${kind}>`;
    emitted = false;
  };
  let i = 0;
  while (i < html.length) {
    if (html[i] === "<") {
      const end = html.indexOf(">", i);
      const tagEnd = end < 0 ? html.length : end + 1;
      closeTag();
      // A mark inside a tag (a changed link address) says nothing a reader can see.
      out += html.slice(i, tagEnd).replace(MARKS, "");
      i = tagEnd;
      continue;
    }
    const c = html[i] as string;
    if (c === INS_OPEN || c === DEL_OPEN) {
      closeTag();
      kind = c === INS_OPEN ? "ins" : "del";
    } else if (c === INS_CLOSE || c === DEL_CLOSE) {
      closeTag();
      kind = null;
    } else {
      if (kind && !emitted && c.trim()) {
        out += `<${kind}>`;
        emitted = true;
      }
      out += c;
    }
    i++;
  }
  closeTag();
  return out;
}

/** Plain text (a question's option, a setting, Markdown source) with its changes marked. */
export function renderPartsHtml(parts: DiffPart[]): string {
  return parts
    .map((p) => {
      const text = escapeHtml(p.value);
      return p.added ? `<ins>${text}</ins>` : p.removed ? `<del>${text}</del>` : text;
    })
    .join("");
}

const escapeHtml = (text: string) =>
  text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");
