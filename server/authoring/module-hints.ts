import { LINT_RULES, type LintRule } from "../content/lint/hint.ts";
import { lintModule } from "../content/lint/lint-module.ts";
import { publishBlockers } from "../content/publish-blockers.ts";

// What the editor shows beside a draft's fields besides errors: notes on a draft that saves but
// is not ready. Publish blockers (placeholder text) come first and stop publishing; the
// assessment linter's advice follows and never blocks anything. Every save answers with these,
// so the advice follows the author's edits a moment after they stop typing.

export interface EditorHint {
  /** The content path as the editor's data-path reads it: "quiz.2.options.0.text"; "" = the module. */
  path: string;
  message: string;
  /** True for what publishModule refuses (it checks publishBlockers itself). */
  blocksPublish: boolean;
  /** The linter rule, for advice ("longest-correct" …); absent for publish blockers. */
  rule?: LintRule;
  /** What the rule looks for, in a few words (LINT_RULES). */
  about?: string;
}

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
