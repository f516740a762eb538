import { publishBlockers } from "../content/publish-blockers.ts";

// What the editor shows beside a draft's fields besides errors: notes on a draft that saves but
// is not ready. Today these are the publish blockers (placeholder text); the assessment linter's
// advice joins here with blocksPublish false.

export interface EditorHint {
  /** The content path as the editor's data-path reads it: "quiz.2.options.0.text". */
  path: string;
  message: string;
  /** True for what publishModule refuses (it checks publishBlockers itself). */
  blocksPublish: boolean;
}

export function moduleHints(content: unknown): EditorHint[] {
  return publishBlockers(content).map((b) => ({
    path: b.path.join("."),
    message: b.message,
    blocksPublish: true,
  }));
}
