import type { ModuleContent } from "../../server/content/module-schema.ts";
import { standing } from "../../server/progress/status-rule.ts";
import { applyCommit } from "../../server/runtime/apply-commit.ts";
import { startAttempt } from "../../server/runtime/start-attempt.ts";

/** One visit to a module: lessons viewed (-1 = all) and the quiz score (null = not submitted). */
export interface Visit {
  viewed: number;
  score: number | null;
}

/** The CMI a SCO reports for these facts, from the status rule sco.js is built from. */
export function scoCmi(content: ModuleContent, visit: Visit) {
  const viewed = visit.viewed < 0 ? content.lessons.length : visit.viewed;
  const s = standing({
    lessonCount: content.lessons.length,
    lessonsViewed: viewed,
    hasQuiz: content.quiz.some((q) => q.type !== "likert"),
    quizSubmitted: visit.score !== null,
    scoreRatio: visit.score,
    passMark: content.passMark,
  });
  return {
    completion_status: s.completed ? "completed" : "incomplete",
    success_status: s.success,
    progress_measure: String(s.progress),
    score:
      visit.score === null
        ? { scaled: "", raw: "" }
        : {
            scaled: String(visit.score),
            raw: String(Math.round(visit.score * 100)),
            min: "0",
            max: "100",
          },
  };
}

/**
 * Takes a learner through a module the way the player's commits would (start or retake, then one
 * commit per visit), through the app's own functions, so summaries, rollups and certificates are
 * kept exactly as in production.
 */
export async function seedVisits(
  userId: string,
  slug: string,
  content: ModuleContent,
  visits: Visit[],
): Promise<void> {
  for (const [n, visit] of visits.entries()) {
    const attempt = await startAttempt({ userId, slug, retake: n > 0 });
    await applyCommit({
      attemptId: attempt._id.toString(),
      userId,
      body: { seq: 1, session: "seed-session", cmi: scoCmi(content, visit) },
    });
  }
}
