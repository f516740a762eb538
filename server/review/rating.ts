import { type Grade, Rating } from "ts-fsrs";
import { type GradedQuestion, wordsToRead } from "./grade-answer.ts";

// FSRS wants a rating per answer; the learner is never asked for one. A wrong answer is Again. A
// right one is Good, Easy when it came quickly and Hard when it took long, measured against the
// time it takes to read the question: about four words a second, plus six seconds to decide.
const READ_WORDS_PER_SECOND = 4;
const DECIDE_SECONDS = 6;
const EASY_BELOW = 0.5;
const HARD_ABOVE = 3;

export function expectedSeconds(q: GradedQuestion): number {
  return DECIDE_SECONDS + wordsToRead(q) / READ_WORDS_PER_SECOND;
}

/** `seconds` null = not known for this one question: a right answer is then Good. */
export function ratingFor(q: GradedQuestion, correct: boolean, seconds: number | null): Grade {
  if (!correct) return Rating.Again;
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return Rating.Good;
  const expected = expectedSeconds(q);
  if (seconds <= expected * EASY_BELOW) return Rating.Easy;
  if (seconds > expected * HARD_ABOVE) return Rating.Hard;
  return Rating.Good;
}

export const RATING_NAMES: Record<Grade, string> = {
  [Rating.Again]: "again",
  [Rating.Hard]: "hard",
  [Rating.Good]: "good",
  [Rating.Easy]: "easy",
};
