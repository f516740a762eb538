import mongoose from "mongoose";
import type { ModuleContent } from "../content/module-schema.ts";
import { isGraded } from "./grade-answer.ts";
import { ReviewCard } from "./review-card-model.ts";

/** The graded question ids a version has (checks and quiz). */
export function gradedQuestionIds(content: ModuleContent): string[] {
  return [...content.lessons.flatMap((l) => l.checks), ...content.quiz]
    .filter(isGraded)
    .map((q) => q.id);
}

/**
 * A question removed from a module retires every learner's card for it: no longer due, never
 * shown. Called when a version is published; the review also retires a card whose question it
 * cannot find, in case this step was missed. Answering the question again revives the card.
 */
export async function retireRemovedQuestions(
  moduleId: mongoose.Types.ObjectId | string,
  content: ModuleContent,
): Promise<number> {
  const res = await ReviewCard.collection.updateMany(
    {
      moduleId: new mongoose.Types.ObjectId(String(moduleId)),
      questionId: { $nin: gradedQuestionIds(content) },
      retired: false,
    },
    { $set: { retired: true, due: null } },
  );
  return res.modifiedCount;
}

export async function retireCard(cardId: mongoose.Types.ObjectId): Promise<void> {
  await ReviewCard.collection.updateOne({ _id: cardId }, { $set: { retired: true, due: null } });
}
