import { Module } from "../content/module-model.ts";
import type { ModuleContent, Question } from "../content/module-schema.ts";
import { ModuleVersion } from "../content/module-version-model.ts";
import { notFound } from "../http/http-errors.ts";
import { ModuleRollup, type ResultCounts } from "../progress/module-rollup-model.ts";
import { QuestionRollup } from "../progress/question-rollup-model.ts";

export interface QuestionStats {
  id: string;
  prompt: string;
  /** Attempts that answered it. */
  answered: number;
  /** Attempts whose first answer was right. */
  firstTryCorrect: number;
  percentFirstTry: number | null;
  /** Every answer, retries included. */
  answers: number;
  correct: number;
  percentCorrect: number | null;
  /** How often each option was chosen (graded choice and true/false questions). */
  options: { label: string; text: string; chosen: number; correct: boolean }[];
}

export interface Outcomes {
  passed: number;
  failed: number;
  completed: number;
  averageScorePercent: number | null;
  /** Ten buckets: 0–9 %, 10–19 %, … 90–100 %. */
  scoreBuckets: number[];
}

export interface ModuleReport {
  slug: string;
  title: string;
  learners: number;
  attempts: number;
  /** Learners who finished (the quiz submitted), by their best result. */
  finished: number;
  inProgress: number;
  best: Outcomes;
  /** The same, counting only each learner's first attempt. */
  firstTry: Outcomes;
  questions: QuestionStats[];
}

const percent = (part: number, whole: number) =>
  whole === 0 ? null : Math.round((100 * part) / whole);
const LETTERS = "abcdefgh";

function outcomes(block: ResultCounts | undefined): Outcomes {
  const n = (v: unknown) => (typeof v === "number" ? v : 0);
  const scored = n(block?.scored);
  return {
    passed: n(block?.passed),
    failed: n(block?.failed),
    completed: n(block?.completed),
    // Sums are kept in hundredths of a percent.
    averageScorePercent: scored === 0 ? null : Math.round(n(block?.scoreSum) / scored / 100),
    scoreBuckets: Array.from({ length: 10 }, (_, i) => n(block?.[`b${i}`])),
  };
}

function optionsOf(q: Question, counts: Record<string, number>): QuestionStats["options"] {
  if (q.type === "true-false")
    return [true, false].map((v) => ({
      label: String(v),
      text: v ? "True" : "False",
      chosen: counts[String(v)] ?? 0,
      correct: q.answer === v,
    }));
  if (q.type === "single" || q.type === "multiple" || q.type === "scenario")
    return q.options.map((o, i) => ({
      label: LETTERS[i] ?? "",
      text: o.text,
      chosen: counts[LETTERS[i] ?? ""] ?? 0,
      correct: o.correct,
    }));
  return [];
}

/**
 * How learners do on one module, across every version, read from its rollups (kept by the
 * commit path), never by grouping attempts: the cost is the number of questions, not of learners.
 */
export async function moduleReport(slug: string): Promise<ModuleReport> {
  const mod = await Module.findOne({ slug }).select("_id title").lean();
  if (!mod) throw notFound("Module");
  const [rollup, questionRows, latest] = await Promise.all([
    ModuleRollup.findOne({ moduleId: mod._id }).lean(),
    QuestionRollup.find({ moduleId: mod._id }).lean(),
    ModuleVersion.findOne({ moduleId: mod._id }).sort({ version: -1 }).select("content").lean(),
  ]);
  const stats = new Map(questionRows.map((row) => [row.interactionId, row]));
  const quiz = ((latest?.content as ModuleContent | undefined)?.quiz ?? []).filter(
    (q: Question) => q.type !== "likert",
  );
  const questions = quiz.map((q) => {
    // The bundle names quiz interactions quiz-<question id>.
    const row = stats.get(`quiz-${q.id}`);
    const answered = row?.attempts ?? 0;
    const answers = row?.answers ?? 0;
    return {
      id: q.id,
      prompt: q.prompt,
      answered,
      firstTryCorrect: row?.firstTryCorrect ?? 0,
      percentFirstTry: percent(row?.firstTryCorrect ?? 0, answered),
      answers,
      correct: row?.correct ?? 0,
      percentCorrect: percent(row?.correct ?? 0, answers),
      options: optionsOf(q, (row?.options ?? {}) as Record<string, number>),
    };
  });
  const best = outcomes(rollup?.best as ResultCounts | undefined);
  const learners = rollup?.learners ?? 0;
  const finished = best.passed + best.failed + best.completed;
  return {
    slug,
    title: mod.title,
    learners,
    attempts: rollup?.attempts ?? 0,
    finished,
    inProgress: learners - finished,
    best,
    firstTry: outcomes(rollup?.firstTry as ResultCounts | undefined),
    questions,
  };
}
