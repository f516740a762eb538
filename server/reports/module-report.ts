import { LETTERS as ANSWER_LETTERS } from "../content/answer-encoding.ts";
import { Module } from "../content/module-model.ts";
import type { ModuleContent, Question } from "../content/module-schema.ts";
import { MAX_CHOICES } from "../content/module-schema.ts";
import { ModuleVersion } from "../content/module-version-model.ts";
import { notFound } from "../http/http-errors.ts";
import { ModuleRollup, type ResultCounts } from "../progress/module-rollup-model.ts";
import { QuestionRollup } from "../progress/question-rollup-model.ts";
import {
  analyseItem,
  type FirstAttemptSums,
  type ItemAnalysis,
  MIN_LEARNERS,
} from "./item-analysis.ts";

export interface QuestionStats extends ItemAnalysis {
  id: string;
  prompt: string;
  type: Question["type"];
  /** Attempts that answered it. */
  answered: number;
  /** Attempts whose first answer was right. */
  firstTryCorrect: number;
  /** Null under MIN_LEARNERS attempts, as is percentCorrect. */
  percentFirstTry: number | null;
  /** Every answer, retries included. */
  answers: number;
  correct: number;
  percentCorrect: number | null;
  /**
   * How often each option was the first choice in a learner's first attempt (graded choice and
   * true/false questions); null when fewer than MIN_LEARNERS answered.
   */
  options: { label: string; text: string; chosen: number | null; correct: boolean }[];
}

export interface FunnelStep {
  /** The rollup's step key: s, l0 …, q, d, p. */
  key: string;
  label: string;
  learners: number;
  /** Of the learners who started. */
  percent: number;
}

export interface Outcomes {
  passed: number;
  failed: number;
  completed: number;
  /** Learners with a score: what the average and the distribution rest on. */
  scored: number;
  /** Null under MIN_LEARNERS scored learners, as is the distribution. */
  averageScorePercent: number | null;
  /** Ten buckets: 0–9 %, 10–19 %, … 90–100 %. */
  scoreBuckets: number[] | null;
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
  /** Learners whose first attempt started: what the funnel rests on. */
  funnelLearners: number;
  /** How far first attempts got, step by step; null under MIN_LEARNERS. */
  funnel: FunnelStep[] | null;
  questions: QuestionStats[];
}

const percent = (part: number, whole: number) =>
  whole < MIN_LEARNERS ? null : Math.round((100 * part) / whole);
const LETTERS = ANSWER_LETTERS.slice(0, MAX_CHOICES);

function outcomes(block: ResultCounts | undefined): Outcomes {
  const n = (v: unknown) => (typeof v === "number" ? v : 0);
  const scored = n(block?.scored);
  const shown = scored >= MIN_LEARNERS;
  return {
    passed: n(block?.passed),
    failed: n(block?.failed),
    completed: n(block?.completed),
    scored,
    // Sums are kept in hundredths of a percent.
    averageScorePercent: shown ? Math.round(n(block?.scoreSum) / scored / 100) : null,
    scoreBuckets: shown ? Array.from({ length: 10 }, (_, i) => n(block?.[`b${i}`])) : null,
  };
}

function optionsOf(q: Question, counts: Record<string, number> | null): QuestionStats["options"] {
  const chosen = (key: string) => (counts ? (counts[key] ?? 0) : null);
  if (q.type === "true-false")
    return [true, false].map((v) => ({
      label: String(v),
      text: v ? "True" : "False",
      chosen: chosen(String(v)),
      correct: q.answer === v,
    }));
  if (q.type === "single" || q.type === "multiple" || q.type === "scenario")
    return q.options.map((o, i) => ({
      label: LETTERS[i] ?? "",
      text: o.text,
      chosen: chosen(LETTERS[i] ?? ""),
      correct: o.correct,
    }));
  return [];
}

/** The funnel of first attempts, with the newest version's lesson titles (steps are positions). */
function funnelOf(
  counts: Record<string, number>,
  content: ModuleContent | undefined,
): { learners: number; steps: FunnelStep[] | null } {
  const learners = counts.s ?? 0;
  if (learners < MIN_LEARNERS) return { learners, steps: null };
  const step = (key: string, label: string): FunnelStep => ({
    key,
    label,
    learners: counts[key] ?? 0,
    percent: Math.round((100 * (counts[key] ?? 0)) / learners),
  });
  const lessons = (content?.lessons ?? []).map((l, i) =>
    step(`l${i}`, `Lesson ${i + 1}: ${l.title}`),
  );
  const graded = (content?.quiz ?? []).some((q) => q.type !== "likert");
  return {
    learners,
    steps: [
      step("s", "Started"),
      ...lessons,
      ...(graded ? [step("q", "Reached the quiz"), step("d", "Submitted the quiz")] : []),
      step("p", "Passed"),
    ],
  };
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
  const content = latest?.content as ModuleContent | undefined;
  const quiz = (content?.quiz ?? []).filter((q: Question) => q.type !== "likert");
  const questions = quiz.map((q): QuestionStats => {
    // The bundle names quiz interactions quiz-<question id>.
    const row = stats.get(`quiz-${q.id}`);
    const answered = row?.attempts ?? 0;
    const answers = row?.answers ?? 0;
    const first = (row?.first ?? {}) as FirstAttemptSums;
    const item = analyseItem(first);
    return {
      id: q.id,
      prompt: q.prompt,
      type: q.type,
      answered,
      firstTryCorrect: row?.firstTryCorrect ?? 0,
      percentFirstTry: percent(row?.firstTryCorrect ?? 0, answered),
      answers,
      correct: row?.correct ?? 0,
      percentCorrect: answered < MIN_LEARNERS ? null : percent(row?.correct ?? 0, answers),
      ...item,
      options: optionsOf(q, item.facility === null ? null : (first.options ?? {})),
    };
  });
  const funnel = funnelOf((rollup?.funnel ?? {}) as Record<string, number>, content);
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
    funnelLearners: funnel.learners,
    funnel: funnel.steps,
    questions,
  };
}
