import { content } from "./content.ts";
import { connectLms, findApi } from "./lms-api.ts";
import { saveLocation, saveSuspend } from "./save.ts";
import { isoDuration, scorm12Timespan } from "./scorm-time.ts";
import { lms, session, setLms, state } from "./state.ts";
import { currentStanding, hasGradedQuiz } from "./status-reporting.ts";
import { restoreSuspend } from "./suspend-data.ts";

// Opening and closing the LMS session: what is read at the start, what is written at the end.

function readPassMark(): number {
  if (!lms) return content.passMark;
  if (lms.kind === 2004) {
    const scaled = Number.parseFloat(lms.get("cmi.scaled_passing_score"));
    if (Number.isFinite(scaled) && scaled >= -1 && scaled <= 1) return Math.max(0, scaled * 100);
  } else {
    const mastery = Number.parseFloat(lms.get("cmi.student_data.mastery_score"));
    if (Number.isFinite(mastery) && mastery >= 0 && mastery <= 100) return mastery;
  }
  return content.passMark;
}

/** Connects to the LMS and restores the learner's state; without one, the SCO runs as a preview. */
export function startSession(): { location: string; preview: boolean } {
  setLms(connectLms(findApi(content.target)));
  if (lms && !lms.initialize()) setLms(null);
  if (!lms) return { location: "", preview: true };
  const names = lms.names;
  session.entry = lms.get(names.entry);
  session.passMark = readPassMark();
  // Interactions are journaled: new answers append after whatever the LMS already holds.
  session.interactionCount = Number.parseInt(lms.get("cmi.interactions._count"), 10) || 0;
  if (lms.kind === 2004) session.initialCompletion = lms.get("cmi.completion_status");
  else session.initialStatus = lms.get("cmi.core.lesson_status");
  // Resume from suspend data whenever the LMS kept some: it only keeps it for this attempt.
  restoreSuspend(lms.get("cmi.suspend_data"));
  return { location: lms.get(names.location), preview: false };
}

export function finishSession(): void {
  if (!lms || session.terminated) return;
  session.terminated = true;
  const names = lms.names;
  saveSuspend();
  saveLocation();
  const elapsed = Date.now() - session.startedAt;
  lms.set(names.sessionTime, lms.kind === 2004 ? isoDuration(elapsed) : scorm12Timespan(elapsed));
  const finished = currentStanding().completed && (state.quizPassed === true || !hasGradedQuiz());
  lms.set(names.exit, finished ? (lms.kind === 2004 ? "normal" : "") : "suspend");
  lms.commit();
  lms.terminate();
}
