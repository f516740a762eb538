import { Module } from "../content/module-model.ts";
import type { ModuleContent, Question } from "../content/module-schema.ts";
import { ModuleVersion } from "../content/module-version-model.ts";
import { notFound } from "../http/http-errors.ts";
import { Attempt } from "../runtime/attempt-model.ts";

export interface QuestionStats {
  id: string;
  prompt: string;
  answered: number;
  correct: number;
  percentCorrect: number | null;
}

export interface ModuleReport {
  slug: string;
  title: string;
  learners: number;
  attempts: number;
  completed: number;
  passed: number;
  failed: number;
  averageScorePercent: number | null;
  questions: QuestionStats[];
}

const percent = (part: number, whole: number) =>
  whole === 0 ? null : Math.round((100 * part) / whole);

/**
 * How learners do on one module, across every version: the counts come from one $group over
 * the module's attempts, and each quiz question's success rate counts every attempt's last
 * answer to it (a retried quiz appends a second set of interactions with the same ids).
 */
export async function moduleReport(slug: string): Promise<ModuleReport> {
  const mod = await Module.findOne({ slug }).select("_id title publishedVersion").lean();
  if (!mod) throw notFound("Module");
  const [totals] = await Attempt.aggregate<{
    attempts: number;
    learners: string[];
    completed: number;
    passed: number;
    failed: number;
    averageScore: number | null;
  }>([
    { $match: { moduleId: mod._id } },
    {
      $group: {
        _id: null,
        attempts: { $sum: 1 },
        learners: { $addToSet: "$userId" },
        completed: { $sum: { $cond: [{ $gte: ["$completionRank", 2] }, 1, 0] } },
        passed: { $sum: { $cond: [{ $eq: ["$successRank", 2] }, 1, 0] } },
        failed: { $sum: { $cond: [{ $eq: ["$successRank", 1] }, 1, 0] } },
        averageScore: { $avg: "$scoreScaled" },
      },
    },
  ]);
  const perQuestion = await Attempt.aggregate<{ _id: string; answered: number; correct: number }>([
    { $match: { moduleId: mod._id } },
    { $unwind: "$interactions" },
    { $match: { "interactions.id": { $regex: "^quiz-" } } },
    {
      $group: {
        _id: { a: "$_id", q: "$interactions.id" },
        result: { $last: "$interactions.result" },
      },
    },
    {
      $group: {
        _id: "$_id.q",
        answered: { $sum: 1 },
        correct: { $sum: { $cond: [{ $eq: ["$result", "correct"] }, 1, 0] } },
      },
    },
  ]);
  const stats = new Map(perQuestion.map((row) => [row._id, row]));
  const latest = await ModuleVersion.findOne({ moduleId: mod._id })
    .sort({ version: -1 })
    .select("content")
    .lean();
  const quiz = ((latest?.content as ModuleContent | undefined)?.quiz ?? []).filter(
    (q: Question) => q.type !== "likert",
  );
  const questions = quiz.map((q) => {
    // The bundle names quiz interactions quiz-<question id>.
    const row = stats.get(`quiz-${q.id}`);
    const answered = row?.answered ?? 0;
    const correct = row?.correct ?? 0;
    return {
      id: q.id,
      prompt: q.prompt,
      answered,
      correct,
      percentCorrect: percent(correct, answered),
    };
  });
  return {
    slug,
    title: mod.title,
    learners: totals?.learners.length ?? 0,
    attempts: totals?.attempts ?? 0,
    completed: totals?.completed ?? 0,
    passed: totals?.passed ?? 0,
    failed: totals?.failed ?? 0,
    averageScorePercent:
      typeof totals?.averageScore === "number" ? Math.round(totals.averageScore * 100) : null,
    questions,
  };
}
