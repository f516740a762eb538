import { LINT_RULES } from "../content/lint/hint.ts";
import { lintModule } from "../content/lint/lint-module.ts";
import { publishBlockers } from "../content/publish-blockers.ts";
import type { EditorHint } from "./editor-page-data.ts";

export type { EditorHint };

// What the editor shows beside a draft's fields besides errors: notes on a draft that saves but
// is not ready. Publish blockers (placeholder text) come first and stop publishing; the
// assessment linter's advice follows and never blocks anything. Every save answers with these,
// so the advice follows the author's edits a moment after they stop typing.

export function moduleHints(content: unknown): EditorHint[] {
  const blockers: EditorHint[] = publishBlockers(content).map((b) => ({
    path: b.path.join("."),
    message: b.message,
    blocksPublish: true,
  }));
  // Template text is the blockers' job: their check is the one publishing applies, and text an
  // author keeps on purpose ("Keep this text") is theirs. The linter's own placeholder rule would
  // still name kept template wording, so it is left out here.
  const advice = lintModule(content)
    .filter((h) => h.rule !== "placeholder" && h.rule !== "schema")
    .map((h) => ({
      path: h.path.join("."),
      message: h.message,
      blocksPublish: false,
      rule: h.rule,
      about: LINT_RULES[h.rule],
    }));
  return [...blockers, ...advice];
}
