import type mongoose from "mongoose";
import type { Grade } from "ts-fsrs";
import { LearnerPrefs } from "../account/learner-prefs-model.ts";
import { durationSeconds } from "../runtime/cmi-commit-schema.ts";
import { dayBounds } from "./learner-days.ts";
import { type IndexedQuestion, versionQuestions } from "./question-index.ts";
import { ratingFor } from "./rating.ts";
import { updateCard } from "./update-card.ts";

/** One stored interaction, as the commit path has it. */
export interface ModuleAnswer {
  id: string;
  type?: string | null;
  result?: string | null;
  latency?: string | null;
  timestamp?: string | null;
}

const GRADED_ID = /^(quiz|check)-([a-z0-9]+(?:-[a-z0-9]+)*)$/;
// Answers sent late (a module used offline) keep their own time, within reason.
const OLDEST_ACCEPTED_MS = 30 * 86_400_000;

interface Rated {
  questionId: string;
  kind: "quiz" | "check";
  rating: Grade;
  correct: boolean;
  at: Date;
}

/**
 * The new answers of a commit, rated for FSRS. The bundle measures time per page, not per
 * question: a quiz's answers all carry the time from showing the quiz to submitting it, so each
 * gets its share; a knowledge check's time includes reading the lesson, so it is not used.
 */
export function rateModuleAnswers(
  answers: readonly ModuleAnswer[],
  questions: Map<string, IndexedQuestion>,
  now: Date,
): Rated[] {
  const found = answers.flatMap((a) => {
    const m = GRADED_ID.exec(a.id);
    if (!m || a.type === "likert") return [];
    const kind = m[1] as "quiz" | "check";
    const questionId = m[2] ?? "";
    const indexed = questions.get(questionId);
    // Only questions of this version, graded, answered where they live (a quiz id sent as a check
    // is not the same question), with a right or wrong result.
    if (!indexed || indexed.kind !== kind) return [];
    if (a.result !== "correct" && a.result !== "incorrect" && a.result !== "wrong") return [];
    return [{ a, kind, questionId, indexed }];
  });
  const pageShare = new Map<string, number>();
  for (const f of found) {
    if (f.kind !== "quiz") continue;
    const page = `${f.a.timestamp ?? ""}|${f.a.latency ?? ""}`;
    pageShare.set(page, (pageShare.get(page) ?? 0) + 1);
  }
  return found.map(({ a, kind, questionId, indexed }) => {
    const correct = a.result === "correct";
    const pageSeconds = a.latency ? durationSeconds(a.latency) : null;
    const share = pageShare.get(`${a.timestamp ?? ""}|${a.latency ?? ""}`) ?? 1;
    const seconds = kind === "quiz" && pageSeconds !== null ? pageSeconds / share : null;
    // The bundle's verdict is the module's own grading of this version, so it is used as is.
    return {
      questionId,
      kind,
      correct,
      rating: ratingFor(indexed.question, correct, seconds),
      at: answeredAt(a, now),
    };
  });
}

function answeredAt(a: ModuleAnswer, now: Date): Date {
  const started = a.timestamp ? Date.parse(a.timestamp) : Number.NaN;
  if (Number.isNaN(started)) return now;
  const t = started + (a.latency ? durationSeconds(a.latency) * 1000 : 0);
  if (t > now.getTime() || t < now.getTime() - OLDEST_ACCEPTED_MS) return now;
  return new Date(t);
}

/**
 * Called by the commit path with the answers a commit added: every graded question answered in a
 * module becomes (or updates) that learner's review card. Commits without new graded answers cost
 * nothing here.
 */
export async function recordReviewAnswers(input: {
  userId: mongoose.Types.ObjectId;
  moduleId: mongoose.Types.ObjectId;
  slug: string;
  version: number;
  answers: readonly ModuleAnswer[];
  now: Date;
}): Promise<void> {
  if (!input.answers.some((a) => GRADED_ID.test(a.id) && a.type !== "likert")) return;
  const indexed = await versionQuestions(input.moduleId, input.version);
  if (!indexed) return;
  const rated = rateModuleAnswers(input.answers, indexed.questions, input.now);
  if (rated.length === 0) return;
  const prefs = await LearnerPrefs.findOne({ userId: input.userId }).select("timeZone").lean();
  // Each card's answers in order; different cards at once.
  const byCard = new Map<string, Rated[]>();
  for (const r of rated) byCard.set(r.questionId, [...(byCard.get(r.questionId) ?? []), r]);
  await Promise.all(
    [...byCard.values()].map(async (list) => {
      for (const r of list) {
        await updateCard({
          key: { userId: input.userId, moduleId: input.moduleId, questionId: r.questionId },
          create: { kind: r.kind, slug: input.slug },
          rating: r.rating,
          correct: r.correct,
          version: input.version,
          at: r.at,
          notBefore: prefs?.timeZone ? dayBounds(r.at, prefs.timeZone).end : null,
        });
      }
    }),
  );
}
