import type mongoose from "mongoose";
import { readInPages } from "../db/read-in-pages.ts";
import { Attempt } from "../runtime/attempt-model.ts";
import { firstAttemptIncrements, mergeQuestionIncrements } from "./first-attempt-counts.ts";
import { type FunnelFlags, funnelIncrements } from "./funnel-steps.ts";
import { LearnerSummary, orderOf } from "./learner-summary-model.ts";
import { ModuleRollup } from "./module-rollup-model.ts";
import { type AnswerRecord, questionIncrements } from "./question-counts.ts";
import { QuestionRollup } from "./question-rollup-model.ts";
import { type Increments, mergeIncrements, resultIncrements } from "./result-counts.ts";
import { resultKey } from "./status-rule.ts";

// Recomputes every learner summary and rollup from the attempts alone: the repair for a crash
// between a commit's writes, and the proof (in tests) that the commit path keeps them right.
// Reads the attempts once, in any order, keeping one small record per learner and module.

type Id = mongoose.Types.ObjectId;

interface SummaryDraft {
  userId: Id;
  moduleId: Id;
  slug: string;
  latest: { number: number; seq: number; doc: AttemptRow };
  bestKey: number;
  firstKey: number;
  attempts: number;
}

interface AttemptRow {
  _id: Id;
  userId: Id;
  moduleId: Id;
  slug: string;
  number: number;
  version: number;
  seq: number;
  completionRank: number;
  successRank: number;
  scoreScaled?: number | null;
  progressMeasure?: number | null;
  interactions?: AnswerRecord[];
  funnel?: Record<string, unknown>;
  lastCommitAt?: Date | null;
  createdAt?: Date;
}

const WRITE_BATCH = 1000;

async function inBatches<T>(items: T[], write: (batch: T[]) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += WRITE_BATCH) await write(items.slice(i, i + WRITE_BATCH));
}

export async function rebuildProgress(): Promise<{
  attempts: number;
  summaries: number;
  modules: number;
  questions: number;
}> {
  const summaries = new Map<string, SummaryDraft>();
  const modules = new Map<string, { moduleId: Id; attempts: number; funnel: Increments }>();
  const questions = new Map<string, { moduleId: Id; interactionId: string; inc: Increments }>();
  let attempts = 0;
  const pages = readInPages(
    Attempt,
    {},
    "-suspendData -sessionSeconds -interactions.description -interactions.timestamp",
  );
  for await (const page of pages)
    for (const doc of page) {
      const a = doc as unknown as AttemptRow;
      attempts += 1;
      const key = `${a.userId}:${a.moduleId}`;
      const result = { ...a, started: a.seq > 0 };
      const s = summaries.get(key) ?? {
        userId: a.userId,
        moduleId: a.moduleId,
        slug: a.slug,
        latest: { number: -1, seq: 0, doc: a },
        bestKey: 0,
        firstKey: 0,
        attempts: 0,
      };
      s.attempts += 1;
      s.bestKey = Math.max(s.bestKey, resultKey(result));
      if (a.number === 1) s.firstKey = resultKey(result);
      if (a.number > s.latest.number) s.latest = { number: a.number, seq: a.seq, doc: a };
      summaries.set(key, s);

      const m = modules.get(String(a.moduleId)) ?? {
        moduleId: a.moduleId,
        attempts: 0,
        funnel: {},
      };
      m.attempts += 1;
      // The flags each commit stored on the attempt: what the commit path counted as they came.
      m.funnel = mergeIncrements(m.funnel, funnelIncrements(a.number, {}, storedFlags(a.funnel)));
      modules.set(String(a.moduleId), m);
      const journal = a.interactions ?? [];
      const perQuestion = mergeQuestionIncrements(
        questionIncrements(journal, 0),
        firstAttemptIncrements(a.number, journal, 0),
      );
      for (const [interactionId, inc] of perQuestion) {
        const qKey = `${a.moduleId}:${interactionId}`;
        const q = questions.get(qKey) ?? { moduleId: a.moduleId, interactionId, inc: {} };
        q.inc = mergeIncrements(q.inc, inc);
        questions.set(qKey, q);
      }
    }

  const moduleCounts = new Map<string, { learners: number; inc: Increments }>();
  const summaryDocs = [...summaries.values()].map((s) => {
    const l = s.latest.doc;
    const counts = moduleCounts.get(String(s.moduleId)) ?? { learners: 0, inc: {} };
    counts.learners += 1;
    counts.inc = mergeIncrements(
      counts.inc,
      resultIncrements("best", s.bestKey, 1),
      resultIncrements("firstTry", s.firstKey, 1),
    );
    moduleCounts.set(String(s.moduleId), counts);
    return {
      userId: s.userId,
      moduleId: s.moduleId,
      slug: s.slug,
      currentOrder: orderOf(l.number, l.seq),
      current: {
        attemptId: l._id,
        number: l.number,
        version: l.version,
        completionRank: l.completionRank,
        successRank: l.successRank,
        scoreScaled: l.scoreScaled ?? null,
        progressMeasure: l.progressMeasure ?? 0,
        started: l.seq > 0,
      },
      bestKey: s.bestKey,
      firstKey: s.firstKey,
      attempts: s.attempts,
      lastActivityAt: l.lastCommitAt ?? l.createdAt ?? new Date(0),
    };
  });

  await inBatches(summaryDocs, (batch) =>
    LearnerSummary.collection.bulkWrite(
      batch.map((doc) => ({
        replaceOne: {
          filter: { userId: doc.userId, moduleId: doc.moduleId },
          replacement: doc,
          upsert: true,
        },
      })),
      { ordered: false },
    ),
  );
  const moduleDocs = [...modules.values()].map((m) => ({
    moduleId: m.moduleId,
    learners: moduleCounts.get(String(m.moduleId))?.learners ?? 0,
    attempts: m.attempts,
    ...nest(mergeIncrements(moduleCounts.get(String(m.moduleId))?.inc ?? {}, m.funnel)),
  }));
  await inBatches(moduleDocs, (batch) =>
    ModuleRollup.collection.bulkWrite(
      batch.map((doc) => ({
        replaceOne: { filter: { moduleId: doc.moduleId }, replacement: doc, upsert: true },
      })),
      { ordered: false },
    ),
  );
  await ModuleRollup.collection.deleteMany({
    moduleId: { $nin: moduleDocs.map((m) => m.moduleId) },
  });
  const questionDocs = [...questions.values()].map((q) => ({
    moduleId: q.moduleId,
    interactionId: q.interactionId,
    ...nest(q.inc),
  }));
  await inBatches(questionDocs, (batch) =>
    QuestionRollup.collection.bulkWrite(
      batch.map((doc) => ({
        replaceOne: {
          filter: { moduleId: doc.moduleId, interactionId: doc.interactionId },
          replacement: doc,
          upsert: true,
        },
      })),
      { ordered: false },
    ),
  );
  const kept = new Set(questionDocs.map((q) => `${q.moduleId}:${q.interactionId}`));
  const stale = (await QuestionRollup.find().select("moduleId interactionId").lean()).filter(
    (q) => !kept.has(`${q.moduleId}:${q.interactionId}`),
  );
  if (stale.length) await QuestionRollup.deleteMany({ _id: { $in: stale.map((q) => q._id) } });
  return {
    attempts,
    summaries: summaryDocs.length,
    modules: moduleDocs.length,
    questions: questionDocs.length,
  };
}

/** {"first.options.a": 2} → {first: {options: {a: 2}}}: the shape $inc builds, so both compare equal. */
function nest(inc: Increments): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [path, n] of Object.entries(inc)) {
    const parts = path.split(".");
    const last = parts.pop() as string;
    let node = out;
    for (const part of parts) {
      node[part] ??= {};
      node = node[part] as Record<string, unknown>;
    }
    node[last] = n;
  }
  return out;
}

/** The funnel flags stored on an attempt (any value but 1 is not a flag). */
function storedFlags(stored: Record<string, unknown> | undefined): FunnelFlags {
  const flags: FunnelFlags = {};
  for (const [k, v] of Object.entries(stored ?? {})) if (v === 1) flags[k] = 1;
  return flags;
}
