import { type Standing, standing } from "../../../server/progress/status-rule.ts";
import { isGraded } from "./answers.ts";
import { content } from "./content.ts";
import { write } from "./save.ts";
import { lms, session, state } from "./state.ts";

// Completion, success and progress come from the platform's one status rule
// (server/progress/status-rule.ts, bundled into this script), so the LMS, Rapport's pages and
// its reports all say the same thing.

export const viewedCount = (): number => state.viewed.filter(Boolean).length;
export const hasGradedQuiz = (): boolean => content.quiz.some(isGraded);

export function currentStanding(scoreRatio?: number): Standing {
  return standing({
    lessonCount: state.viewed.length,
    lessonsViewed: viewedCount(),
    hasQuiz: hasGradedQuiz(),
    quizSubmitted: state.quizPassed !== null,
    scoreRatio: scoreRatio ?? null,
    passMark: session.passMark,
  });
}

export function reportProgress(): void {
  if (!lms) return;
  const standing = currentStanding();
  if (lms.kind === 2004) {
    write("cmi.progress_measure", standing.progress);
    // Completion only moves forward, even if suspend data was lost along the way.
    const done = standing.completed || session.initialCompletion === "completed";
    write("cmi.completion_status", done ? "completed" : "incomplete");
  } else {
    report12Status(standing);
  }
}

/** SCORM 1.2 has one status: incomplete until the quiz is submitted, then passed or failed. */
function report12Status(standing: Standing): void {
  if (!lms || session.initialStatus === "passed") return;
  let status = standing.completed ? "completed" : "incomplete";
  if (state.quizPassed === true) status = "passed";
  else if (state.quizPassed === false) status = "failed";
  else if (["completed", "failed"].includes(session.initialStatus)) status = session.initialStatus;
  write("cmi.core.lesson_status", status);
}

export function reportScore(ratio: number): void {
  if (!lms) return;
  const standing = currentStanding(ratio);
  const score = lms.kind === 2004 ? "cmi.score." : "cmi.core.score.";
  // SCORM 1.2: the final status goes before the score and again after it, so an LMS that
  // regrades when either element changes grades with the right pair.
  if (lms.kind === 12) report12Status(standing);
  if (lms.kind === 2004) write(`${score}scaled`, Math.round(ratio * 10000) / 10000);
  write(`${score}raw`, Math.round(ratio * 10000) / 100);
  write(`${score}min`, 0);
  write(`${score}max`, 100);
  if (lms.kind === 2004) {
    write("cmi.success_status", standing.success === "unknown" ? "unknown" : standing.success);
    reportProgress();
  } else report12Status(standing);
}
