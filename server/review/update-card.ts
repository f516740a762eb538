import type mongoose from "mongoose";
import type { Grade } from "ts-fsrs";
import { isDuplicateKey } from "../db/duplicate-key.ts";
import { ReviewCard } from "./review-card-model.ts";
import { type MemoryState, scheduleAnswer } from "./scheduler.ts";

const MAX_TRIES = 5;

export interface CardAnswer {
  key: {
    userId: mongoose.Types.ObjectId;
    moduleId: mongoose.Types.ObjectId;
    questionId: string;
  };
  /** Fields a card gets when this answer creates it. */
  create: { kind: "quiz" | "check"; slug: string };
  rating: Grade;
  correct: boolean;
  version: number;
  at: Date;
  notBefore: Date | null;
}

const STATE_FIELDS = {
  due: 1,
  stability: 1,
  difficulty: 1,
  scheduledDays: 1,
  learningSteps: 1,
  reps: 1,
  lapses: 1,
  state: 1,
  lastReview: 1,
} as const;

/**
 * Applies one answer to a card: read, schedule, write back only if nobody wrote in between
 * (the filter holds the `reps` that was read), else read again. A first answer inserts the card;
 * the unique (userId, moduleId, questionId) index turns a simultaneous first answer into a retry.
 * An answer to a retired card brings it back: the question is in the module again.
 */
export async function updateCard(input: CardAnswer): Promise<MemoryState> {
  for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
    const stored = (await ReviewCard.collection.findOne(input.key, {
      projection: STATE_FIELDS,
    })) as (MemoryState & { _id: mongoose.Types.ObjectId }) | null;
    const next = scheduleAnswer(stored, input.rating, input.at, input.notBefore);
    const fields = {
      ...next,
      lastCorrect: input.correct,
      lastVersion: input.version,
      kind: input.create.kind,
      retired: false,
      updatedAt: input.at,
    };
    if (!stored) {
      try {
        await ReviewCard.collection.insertOne({
          ...input.key,
          slug: input.create.slug,
          ...fields,
          createdAt: input.at,
        });
        return next;
      } catch (err) {
        if (isDuplicateKey(err)) continue;
        throw err;
      }
    }
    const res = await ReviewCard.collection.updateOne(
      { _id: stored._id, reps: stored.reps },
      { $set: fields },
    );
    if (res.matchedCount === 1) return next;
  }
  throw new Error(`review card ${input.key.questionId} kept changing; answer not applied`);
}
