import { content } from "./content.ts";
import { connectLms, findApi } from "./lms-api.ts";
import { commitAndTerminate, saveLocation, saveSuspend, write } from "./save.ts";
import { showSaveProblem } from "./save-notice.ts";
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

/**
 * Connects to the LMS and restores the learner's state. Without an API the SCO runs as a preview;
 * an API that refuses to initialise is reported to the learner, since nothing will be saved.
 */
export function startSession(): { location: string; preview: boolean } {
  const found = connectLms(findApi(content.target));
  if (!found) return { location: "", preview: true };
  if (!found.initialize()) {
    // Shown once the page exists (main.ts mounts the notices and shows what is pending).
    showSaveProblem(found.lastError());
    return { location: "", preview: false };
  }
  setLms(found);
  const names = found.names;
  session.entry = found.get(names.entry);
  session.passMark = readPassMark();
  // Interactions are journaled: new answers append after whatever the LMS already holds.
  session.interactionCount = Number.parseInt(found.get("cmi.interactions._count"), 10) || 0;
  if (found.kind === 2004) session.initialCompletion = found.get("cmi.completion_status");
  else session.initialStatus = found.get("cmi.core.lesson_status");
  // Resume from suspend data whenever the LMS kept some: it only keeps it for this attempt.
  session.unreadableSuspend = !restoreSuspend(found.get("cmi.suspend_data"));
  // Progress that cannot be read starts from the beginning, as the learner is told; the place the
  // LMS kept belongs to that progress, and both stay stored until the learner does something
  // (save.ts), in case a package that reads them comes back.
  const location = session.unreadableSuspend ? "" : found.get(names.location);
  return { location, preview: false };
}

/** Saves everything and terminates, once; leaving says the page is going away. */
export function finishSession(leaving = false): void {
  if (!lms || session.terminated) return;
  const names = lms.names;
  saveSuspend();
  saveLocation();
  const elapsed = Date.now() - session.startedAt;
  write(names.sessionTime, lms.kind === 2004 ? isoDuration(elapsed) : scorm12Timespan(elapsed));
  const finished = currentStanding().completed && (state.quizPassed === true || !hasGradedQuiz());
  write(names.exit, finished ? (lms.kind === 2004 ? "normal" : "") : "suspend");
  commitAndTerminate(leaving);
}
