import { type Card, createEmptyCard, fsrs, type Grade, type State } from "ts-fsrs";
import type { ReviewCardRecord } from "./review-card-model.ts";

// FSRS-6 through ts-fsrs with its default weights. Rapport reviews once a day, so the same-day
// learning steps are off (every interval is whole days, a card is never due twice in one day),
// and fuzz spreads cards learned together over neighbouring days.
export const REVIEW_PARAMETERS = { enable_short_term: false, enable_fuzz: true } as const;

const scheduler = fsrs(REVIEW_PARAMETERS);

/** The FSRS fields a card stores. */
export type MemoryState = Pick<
  ReviewCardRecord,
  | "due"
  | "stability"
  | "difficulty"
  | "scheduledDays"
  | "learningSteps"
  | "reps"
  | "lapses"
  | "state"
  | "lastReview"
>;

export function toFsrsCard(stored: MemoryState | null, at: Date): Card {
  if (!stored || stored.reps === 0) return createEmptyCard(at);
  return {
    due: stored.due ?? at,
    stability: stored.stability,
    difficulty: stored.difficulty,
    elapsed_days: 0,
    scheduled_days: stored.scheduledDays,
    learning_steps: stored.learningSteps,
    reps: stored.reps,
    lapses: stored.lapses,
    state: stored.state as State,
    ...(stored.lastReview ? { last_review: stored.lastReview } : {}),
  };
}

/**
 * The card after one answer rated `rating` at `at`. `notBefore` (the start of the learner's next
 * day) keeps the guarantee that a card answered today is not due again today, even across a
 * daylight-saving change that makes a day longer than FSRS's one-day minimum.
 */
export function scheduleAnswer(
  stored: MemoryState | null,
  rating: Grade,
  at: Date,
  notBefore: Date | null,
): MemoryState {
  // An answer can arrive late (a module used offline): FSRS never runs backwards in time.
  const when =
    stored?.lastReview && stored.lastReview.getTime() > at.getTime() ? stored.lastReview : at;
  const { card } = scheduler.next(toFsrsCard(stored, when), when, rating);
  const due =
    notBefore && card.due.getTime() < notBefore.getTime() ? new Date(notBefore) : card.due;
  return {
    due,
    stability: card.stability,
    difficulty: card.difficulty,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    lastReview: when,
  };
}

/** Chance of recall now, 0..1 (1 for a card never reviewed); reads only what the curve needs. */
export function retrievability(
  stored: Pick<MemoryState, "stability" | "lastReview" | "reps" | "state">,
  at: Date,
): number {
  if (stored.reps === 0 || !stored.lastReview) return 1;
  const card: Card = {
    ...createEmptyCard(stored.lastReview),
    state: stored.state as State,
    stability: stored.stability,
    reps: stored.reps,
    last_review: stored.lastReview,
  };
  return scheduler.get_retrievability(card, at, false);
}
