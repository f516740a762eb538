// The learner's place as the SCO keeps it in cmi.location (SCORM 2004) or
// cmi.core.lesson_location (SCORM 1.2, at most 255 characters): the page's key and, on a page that
// shows one question at a time, which question. The bundle (public/sco/src) writes and reads it;
// the server reads the page (progress/funnel-steps.ts).
//   "lesson/keep-your-word"      a page on its first screen, exactly what earlier bundles wrote
//   "lesson/keep-your-word:q2"   that lesson's second knowledge check
//   "quiz:q5"                    the final quiz's fifth question
//   "quiz:r3"                    the third question of the review after submitting
// Numbers count from 1, as the learner sees them ("Question 5 of 9"), so an administrator reading
// the place in an LMS report reads it the same way. Page keys never hold a colon (lesson ids are
// slugs), so anything that does not end in this form is read as a page key alone: a place written
// by an earlier bundle opens its page as it always did.

/** One screen of a one-question-per-screen page; index counts from 0. */
export interface Screen {
  review: boolean;
  index: number;
}

export interface Bookmark {
  page: string;
  screen: Screen | null;
}

/** The longest question list a page has (the quiz's 30) fits in two digits; three are read. */
const SCREEN = /^(.+):([qr])([1-9][0-9]{0,2})$/;

export function writeBookmark(page: string, screen: Screen | null): string {
  // The first question is where the page opens anyway: the plain key keeps older readers right.
  if (!screen || (!screen.review && screen.index <= 0)) return page;
  return `${page}:${screen.review ? "r" : "q"}${Math.floor(screen.index) + 1}`;
}

export function readBookmark(text: string): Bookmark {
  const match = SCREEN.exec(text);
  if (!match) return { page: text, screen: null };
  return {
    page: match[1] as string,
    screen: { review: match[2] === "r", index: Number(match[3]) - 1 },
  };
}
