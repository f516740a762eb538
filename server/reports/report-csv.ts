import { LETTERS as ANSWER_LETTERS } from "../content/answer-encoding.ts";
import { MAX_CHOICES } from "../content/module-schema.ts";
import { line } from "./attempts-csv.ts";
import { FLAG_TEXT } from "./item-analysis.ts";
import type { ModuleReport } from "./module-report.ts";

// The report's figures as CSV, the same numbers the page shows (and blank where the page hides
// one for resting on too few learners). Small: one row per question, or per funnel step and
// score bucket, so each is built whole.

const LETTERS = ANSWER_LETTERS.slice(0, MAX_CHOICES);
const round = (v: number | null, digits: number) =>
  v === null ? null : Math.round(v * 10 ** digits) / 10 ** digits;

export const QUESTION_COLUMNS = [
  "question_id",
  "question",
  "type",
  "learners",
  "facility_percent",
  "discrimination",
  "discrimination_learners",
  "flags",
  "correct_options",
  ...[...LETTERS].map((l) => `chose_${l}`),
  "chose_true",
  "chose_false",
];

export function questionsCsv(report: ModuleReport): string {
  let text = line(QUESTION_COLUMNS);
  for (const q of report.questions) {
    const chosen = new Map(q.options.map((o) => [o.label, o.chosen]));
    text += line([
      q.id,
      q.prompt,
      q.type,
      q.learners,
      q.facility === null ? null : round(q.facility * 100, 1),
      round(q.discrimination, 3),
      q.discriminationLearners,
      q.flags.map((f) => FLAG_TEXT[f]).join("; "),
      q.options
        .filter((o) => o.correct)
        .map((o) => o.label)
        .join(" "),
      ...[...LETTERS, "true", "false"].map((key) => chosen.get(key) ?? null),
    ]);
  }
  return text;
}

export const MODULE_COLUMNS = ["figure", "step", "learners", "percent", "rests_on_learners"];

/** The funnel of first attempts, then the best-score distribution, one row per bar. */
export function moduleFiguresCsv(report: ModuleReport): string {
  let text = line(MODULE_COLUMNS);
  for (const step of report.funnel ?? [])
    text += line(["funnel", step.label, step.learners, step.percent, report.funnelLearners]);
  const scored = report.best.scored;
  (report.best.scoreBuckets ?? []).forEach((count, i) => {
    const range = `${i * 10}-${i === 9 ? 100 : i * 10 + 9}%`;
    text += line(["best_score", range, count, Math.round((100 * count) / scored), scored]);
  });
  return text;
}
