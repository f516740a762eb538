import type { Screen } from "../../../server/scorm/bookmark.ts";
import { content } from "./content.ts";
import type { Lms } from "./lms-api.ts";

// What the learner has done (kept in suspend data) and what only this visit knows.

export interface LearnerState {
  viewed: boolean[];
  /** Question id → answer string (see answers.ts). */
  answers: Record<string, string>;
  quizSubmitted: boolean;
  quizAttempts: number;
  quizPassed: boolean | null;
  reflections: Record<string, string>;
}

export const state: LearnerState = {
  viewed: content.lessons.map(() => false),
  answers: {},
  quizSubmitted: false,
  quizAttempts: 0,
  quizPassed: null,
  reflections: {},
};

export const session = {
  startedAt: Date.now(),
  entry: "",
  interactionCount: 0,
  passMark: content.passMark,
  current: 0,
  /** Which question the current page shows, when it shows one at a time (kept in the location). */
  screen: null as Screen | null,
  terminated: false,
  /** Reflections the suspend data holds shortened (ids), and whether practice answers had to go. */
  shortened: [] as string[],
  practiceDropped: false,
  /** The LMS kept suspend data this runtime cannot read, so the learner starts afresh. */
  unreadableSuspend: false,
  initialCompletion: "",
  initialStatus: "",
};

/** The connected LMS; null in preview (no API found, or it would not initialise). */
export let lms: Lms | null = null;

export function setLms(next: Lms | null): void {
  lms = next;
}
