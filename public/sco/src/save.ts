import { writeBookmark } from "../../../server/scorm/bookmark.ts";
import type { LmsError } from "./lms-api.ts";
import { pageAt } from "./page-list.ts";
import { clearSaveProblem, showSaveNotes, showSaveProblem } from "./save-notice.ts";
import { lms, session } from "./state.ts";
import { SUSPEND_LIMIT, serializeSuspend } from "./suspend-data.ts";

// Everything the SCO sends to the LMS goes through here, and every result is checked. A value the
// LMS refuses is kept and set again, in the order it was first set, before each later commit; a
// refused commit is retried with a growing pause. Until a commit goes through with nothing left
// over, the learner is told that their progress is not being saved. Their work stays in the page
// meanwhile: nothing here ever resets the learner's state.

const FIRST_RETRY_MS = 500;
const LAST_RETRY_MS = 30_000;

/** Values the LMS refused, by element, in the order they were set. */
const refused = new Map<string, string>();
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let retryDelay = FIRST_RETRY_MS;
/** The learner asked to finish while saving was failing: terminate once a commit succeeds. */
let finishWhenSaved = false;
/**
 * Suspend data the SCO could not read may still be the learner's real progress (the LMS went back
 * to an older package, or holds a newer format), so it and the learner's place are left as the LMS
 * has them until the learner changes something. This is the state as the SCO opened it, taken at
 * the first save (the opening page's view is not the learner's doing); undefined once released.
 */
let untouched: string | null | undefined = null;

// "Not implemented" (1.2: 401; 2004: 401 undefined, 402 unimplemented element): the LMS does not
// keep that element at all, which both standards allow for optional ones such as interactions in
// SCORM 1.2. Asking again cannot help and the learner's progress is not affected, so such a value
// is let go. The learner's place is not optional: refusing it is always a failure.
const NOT_KEPT = new Set(["401", "402"]);
const ESSENTIAL = /^cmi\.(suspend_data|location|core\.lesson_location)$/;

/** Sets one element; the error if the LMS refused it in a way worth retrying. */
function send(element: string, value: string): LmsError | null {
  if (!lms || lms.set(element, value)) return null;
  const error = lms.lastError();
  return NOT_KEPT.has(error.code) && !ESSENTIAL.test(element) ? null : error;
}

/** Sets one element, remembering it if the LMS refuses it. */
export function write(element: string, value: string | number): void {
  if (!lms || session.terminated) return;
  const text = String(value);
  refused.delete(element);
  const error = send(element, text);
  if (!error) return;
  refused.set(element, text);
  failed(error);
}

/** Sets again, in order, what the LMS refused before; the first error if it still refuses. */
function setRefusedAgain(): LmsError | null {
  let first: LmsError | null = null;
  for (const [element, value] of [...refused]) {
    const error = send(element, value);
    if (error) first ??= error;
    else refused.delete(element);
  }
  return first;
}

/** Commits; true only when the LMS took the commit and every value set so far. */
export function commit(): boolean {
  if (!lms || session.terminated) return false;
  const setError = setRefusedAgain();
  const committed = lms.commit();
  const error = committed ? setError : lms.lastError();
  if (error) {
    failed(error);
    return false;
  }
  clearTimeout(retryTimer);
  retryTimer = undefined;
  retryDelay = FIRST_RETRY_MS;
  clearSaveProblem();
  // Whichever commit goes through first (a retry, or one the learner's next step made) ends a
  // finish that was waiting for it.
  if (finishWhenSaved) terminate();
  return true;
}

function failed(error: LmsError): void {
  showSaveProblem(error);
  if (retryTimer !== undefined) return;
  retryTimer = setTimeout(() => {
    retryTimer = undefined;
    commit();
  }, retryDelay);
  retryDelay = Math.min(retryDelay * 2, LAST_RETRY_MS);
}

/** True while unreadable suspend data is kept: the learner has changed nothing since opening. */
function keepingUnreadable(): boolean {
  if (!lms || !session.unreadableSuspend || untouched === undefined) return false;
  const now = serializeSuspend(SUSPEND_LIMIT[lms.kind]);
  untouched ??= now;
  if (now === untouched) return true;
  untouched = undefined;
  return false;
}

export function saveSuspend(): void {
  if (!lms) return;
  if (!keepingUnreadable()) write("cmi.suspend_data", serializeSuspend(SUSPEND_LIMIT[lms.kind]));
  showSaveNotes();
}

/** Saves the learner's place and commits: a page that moved to another of its questions calls it. */
export function saveScreen(): void {
  saveLocation();
  commit();
}

export function saveLocation(): void {
  if (!lms || keepingUnreadable()) return;
  write(lms.names.location, writeBookmark(pageAt(session.current).key, session.screen));
}

/**
 * Commits and terminates, once per visit. Leaving the page terminates whatever happened; the
 * finish screen waits for a commit that works, so the learner still sees the notice and the
 * retries continue, and terminates after it.
 */
export function commitAndTerminate(leaving: boolean): void {
  if (!lms || session.terminated) return;
  if (commit() || leaving) terminate();
  else finishWhenSaved = true;
}

function terminate(): void {
  if (!lms || session.terminated) return;
  session.terminated = true;
  clearTimeout(retryTimer);
  retryTimer = undefined;
  if (!lms.terminate()) showSaveProblem(lms.lastError());
}
