import { LESSON_MARKDOWN_MAX } from "../content/module-schema.ts";
import { HttpError, ValidationError } from "../http/http-errors.ts";
import { runAuthoringTask } from "./run-authoring-task.ts";

export const PREVIEW_MAX = LESSON_MARKDOWN_MAX;
const PREVIEW_TIME_LIMIT_MS = 5_000;

/**
 * The editor's live preview: the same renderer and sanitizer the player and the export use, on
 * a worker thread, since hostile Markdown can take a good part of a second to render.
 */
export async function previewMarkdown(input: { markdown: string }): Promise<{ html: string }> {
  if (input.markdown.length > PREVIEW_MAX) {
    throw new ValidationError({ markdown: "lesson text must be at most 100,000 characters" });
  }
  const html = await runAuthoringTask(
    "renderMarkdown",
    { markdown: input.markdown },
    {
      timeoutMs: PREVIEW_TIME_LIMIT_MS,
      stopped: () => new HttpError(413, "This text takes too long to preview; shorten it."),
    },
  );
  return { html };
}
