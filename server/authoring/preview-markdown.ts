import { renderMarkdown } from "../content/render-markdown.ts";
import { ValidationError } from "../http/http-errors.ts";

export const PREVIEW_MAX = 100_000;

/** The editor's live preview: the same renderer and sanitizer the player and the export use. */
export function previewMarkdown(input: { markdown: string }): { html: string } {
  if (input.markdown.length > PREVIEW_MAX) {
    throw new ValidationError({ markdown: "lesson text must be at most 100,000 characters" });
  }
  return { html: renderMarkdown(input.markdown) };
}
