import mongoose from "mongoose";
import type { ModuleContent } from "../content/module-schema.ts";
import { ModuleVersion } from "../content/module-version-model.ts";
import { readInPages } from "../db/read-in-pages.ts";
import type { Logger } from "../http/logger.ts";
import { Attempt } from "../runtime/attempt-model.ts";
import { rebuildProgress } from "./rebuild-progress.ts";
import { standing } from "./status-rule.ts";
import { factsFromSuspendData } from "./suspend-facts.ts";

// Attempts stored before the one status rule said "completed" as soon as every lesson had been
// viewed, quiz or not. This recomputes each attempt's completion and progress under the rule,
// once (a marker document records it), then builds the summaries and rollups from the result.
// Recomputing is a pure function of what each attempt stores, so running it twice changes nothing.

export const STATUS_RULE_MIGRATION = "status-rule-2";

const migrations = () => mongoose.connection.collection<{ _id: string; at: Date }>("migrations");

export async function migrateToStatusRule(logger: Logger): Promise<boolean> {
  if (await migrations().findOne({ _id: STATUS_RULE_MIGRATION })) return false;
  const started = Date.now();
  const recomputed = await recomputeAttempts();
  const rebuilt = await rebuildProgress();
  await migrations().updateOne(
    { _id: STATUS_RULE_MIGRATION },
    { $setOnInsert: { at: new Date() } },
    { upsert: true },
  );
  logger.info(
    { recomputed, ...rebuilt, ms: Date.now() - started },
    "attempts recomputed under the status rule; summaries and rollups built",
  );
  return true;
}

/** Applies the rule to every attempt; returns how many changed. */
export async function recomputeAttempts(): Promise<number> {
  const lessonCounts = new Map<string, { lessons: number; passMark: number }>();
  const shapeOf = async (versionId: mongoose.Types.ObjectId) => {
    const key = String(versionId);
    let shape = lessonCounts.get(key);
    if (!shape) {
      const v = await ModuleVersion.findById(versionId)
        .select("content.lessons.id content.passMark")
        .lean();
      const c = v?.content as Pick<ModuleContent, "lessons" | "passMark"> | undefined;
      shape = { lessons: c?.lessons?.length ?? 0, passMark: c?.passMark ?? 0 };
      lessonCounts.set(key, shape);
    }
    return shape;
  };
  let changed = 0;
  const pages = readInPages(
    Attempt,
    {},
    "versionId seq suspendData completionRank successRank scoreScaled progressMeasure interactions.id interactionCount",
  );
  for await (const page of pages)
    for (const doc of page) {
      const a = doc as unknown as StoredAttempt;
      const shape = await shapeOf(a.versionId);
      const facts = factsFromSuspendData(a.suspendData ?? "", shape.lessons);
      const submitted = facts?.quizSubmitted ?? a.successRank > 0;
      const viewed =
        facts?.lessonsViewed ?? Math.round(Math.min(1, a.progressMeasure ?? 0) * shape.lessons);
      const rule = standing({
        lessonCount: shape.lessons,
        lessonsViewed: viewed,
        hasQuiz: true,
        quizSubmitted: submitted || a.successRank > 0,
        scoreRatio: a.scoreScaled ?? null,
        passMark: shape.passMark,
      });
      const completionRank = rule.completed ? 2 : a.seq > 0 ? 1 : 0;
      const interactionCount = a.interactions?.length ?? 0;
      if (
        completionRank === a.completionRank &&
        rule.progress === a.progressMeasure &&
        interactionCount === a.interactionCount
      )
        continue;
      // The seq in the filter lets a commit that lands meanwhile win.
      const res = await Attempt.collection.updateOne(
        { _id: a._id, seq: a.seq },
        {
          $set: { completionRank, progressMeasure: rule.progress, interactionCount },
          ...(completionRank < 2 ? { $unset: { completedAt: "" } } : {}),
        },
      );
      changed += res.modifiedCount;
    }
  return changed;
}

interface StoredAttempt {
  _id: mongoose.Types.ObjectId;
  versionId: mongoose.Types.ObjectId;
  seq: number;
  suspendData?: string;
  completionRank: number;
  successRank: number;
  scoreScaled?: number | null;
  progressMeasure?: number | null;
  interactions?: { id: string }[];
  interactionCount?: number;
}
