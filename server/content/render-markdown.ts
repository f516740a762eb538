import { Parser } from "marked";
import sanitizeHtml from "sanitize-html";
import { lexMarkdown, MARKED_OPTIONS, MarkdownLimitError } from "./markdown-limits.ts";

// One renderer and one sanitizer for every place author text is shown (editor preview, player,
// exported package), so what an author previews is exactly what a learner gets.

const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: [
    "h2",
    "h3",
    "h4",
    "p",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "blockquote",
    "a",
    "code",
    "pre",
    "hr",
    "br",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "del",
  ],
  allowedAttributes: { a: ["href", "title"], th: ["align"], td: ["align"] },
  allowedSchemes: ["https", "http", "mailto"],
  allowProtocolRelative: false,
  transformTags: {
    // A lesson's title is the page's h1, so author headings start one level down.
    h1: "h2",
    a: sanitizeHtml.simpleTransform("a", { rel: "noopener noreferrer", target: "_blank" }),
  },
};
ALLOWED.allowedAttributes = { ...ALLOWED.allowedAttributes, a: ["href", "title", "rel", "target"] };

/**
 * Markdown → safe HTML. Scripts, event handlers, iframes and javascript: links never survive.
 * Never throws: text past the Markdown limits (which the content schema refuses, but a version
 * published before a limit existed may hold) becomes a short notice in place of the text, so one
 * bad lesson cannot stop a learner's whole module from loading.
 */
export function renderMarkdown(markdown: string): string {
  let html: string;
  try {
    html = Parser.parse(lexMarkdown(markdown), { ...MARKED_OPTIONS });
  } catch (err) {
    const reason = err instanceof MarkdownLimitError ? err.message : "it could not be read";
    return `<p class="markdown-error"><strong>This text cannot be shown:</strong> ${escapeText(reason)}.</p>`;
  }
  return sanitizeHtml(html, ALLOWED);
}

const escapeText = (text: string) =>
  text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
