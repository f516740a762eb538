import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type mongoose from "mongoose";
import { User } from "../../server/auth/user-model.ts";
import { publishModule } from "../../server/authoring/publish-module.ts";
import { saveDraft } from "../../server/authoring/save-draft.ts";
import { loadCourseLibrary } from "../../server/content/load-course-library.ts";
import { Module } from "../../server/content/module-model.ts";
import { type ModuleContent, moduleContent } from "../../server/content/module-schema.ts";
import { createLogger } from "../../server/http/logger.ts";
import { versionQuestions } from "../../server/review/question-index.ts";
import { ReviewCard } from "../../server/review/review-card-model.ts";
import type { HttpClient } from "../helpers/http-client.ts";
import { openPlayer, type PlayerConfig, sendCommit, signedInLearner } from "../helpers/learner.ts";
import {
  answerFields,
  currentCard,
  gradedQuiz,
  postAnswer,
  quizInteractions,
} from "../helpers/review.ts";
import { startTestApp } from "../helpers/test-app.ts";

const DAY = 86_400_000;
const NEW_PROMPT = "Do small promises ('I'll send it after lunch') count for less than big ones?";
let clockNow: Date | null = null;
let app: Awaited<ReturnType<typeof startTestApp>>;
let ana: HttpClient;
let anaId: mongoose.Types.ObjectId;
let v1: ModuleContent;
let player: PlayerConfig;
let firstInteractions: Record<string, unknown>;

before(async () => {
  app = await startTestApp(import.meta.url, { review: { clock: () => clockNow ?? new Date() } });
  await loadCourseLibrary({ logger: createLogger("silent") });
  const mod = await Module.findOne({ slug: "trust" }).lean();
  v1 = moduleContent.parse(mod?.draft);
  ana = await signedInLearner(app.baseUrl, "ana@example.com");
  anaId = (await User.findOne({ email: "ana@example.com" }).lean())?._id as mongoose.Types.ObjectId;
  player = await openPlayer(ana, "trust");
  const quiz = quizInteractions(v1, ["small-promises"], {
    shownAt: new Date(Date.now() - 60_000),
    seconds: 60,
  });
  const check = {
    id: "check-trust-slip",
    type: "choice",
    learner_response: "a",
    result: "incorrect",
    latency: "PT3M",
  };
  firstInteractions = { ...quiz, 9: check };
  const res = await sendCommit(ana, player, {
    seq: 1,
    cmi: {
      completion_status: "completed",
      success_status: "passed",
      interactions: firstInteractions,
    },
  });
  assert.equal(res.status, 200, await res.clone().text());
});
after(async () => {
  await app.stop();
});

test("knowledge checks become cards too, linked to their own lesson", async () => {
  // A practice answer later on changes nothing the learner's summary shows, and still counts.
  const later = await sendCommit(ana, player, {
    seq: 2,
    cmi: {
      completion_status: "completed",
      success_status: "passed",
      interactions: {
        ...firstInteractions,
        10: {
          id: "check-trust-built-daily",
          type: "true-false",
          learner_response: "false",
          result: "correct",
        },
      },
    },
  });
  assert.equal(later.status, 200, await later.clone().text());
  const practice = await ReviewCard.findOne({
    userId: anaId,
    questionId: "trust-built-daily",
  }).lean();
  assert.equal(practice?.kind, "check");
  const check = await ReviewCard.findOne({ userId: anaId, questionId: "trust-slip" }).lean();
  assert.equal(check?.kind, "check");
  assert.equal(check?.lastCorrect, false);
  assert.equal(await ReviewCard.countDocuments({ userId: anaId }), 11);
  const indexed = await versionQuestions(check?.moduleId as mongoose.Types.ObjectId, 1);
  assert.equal(indexed?.questions.get("trust-slip")?.lesson?.id, "01-why-trust-matters");
});

test("a new version: a kept question keeps its card and shows its new text; a removed one retires", async () => {
  const kept = await ReviewCard.findOne({ userId: anaId, questionId: "small-promises" }).lean();
  const mod = await Module.findOne({ slug: "trust" }).lean();
  const draft = structuredClone(v1);
  draft.quiz = draft.quiz.filter((q) => q.id !== "trust-everyones-job");
  const small = draft.quiz.find((q) => q.id === "small-promises");
  assert.ok(small);
  small.prompt = NEW_PROMPT;
  const actor = { id: null, displayName: "Author" };
  await saveDraft({ slug: "trust", revision: mod?.revision ?? 1, draft, actor });
  assert.deepEqual(
    await publishModule({ moduleId: String(mod?._id), actor, confirmRetakes: true }),
    { version: 2 },
  );

  const retired = await ReviewCard.findOne({
    userId: anaId,
    questionId: "trust-everyones-job",
  }).lean();
  assert.equal(retired?.retired, true);
  assert.equal(retired?.due, null);
  const still = await ReviewCard.findOne({ userId: anaId, questionId: "small-promises" }).lean();
  assert.equal(String(still?._id), String(kept?._id));
  assert.equal(still?.reps, kept?.reps, "the card keeps its memory state");

  // Ten days on everything is due: ten cards (11 less the retired one), the missed ones first,
  // in the new wording.
  clockNow = new Date(Date.now() + 10 * DAY);
  const first = await currentCard(ana);
  assert.match(first.html, /Question 1 of 10/);
  const seen = [first.questionId];
  let page = first;
  for (let i = 0; i < 8; i++) {
    const q = [...gradedQuiz(draft), ...draft.lessons.flatMap((l) => l.checks)].find(
      (x) => x.id === page.questionId,
    );
    assert.ok(q && q.type !== "likert", page.questionId);
    if (page.questionId === "small-promises")
      assert.ok(page.html.includes("count for less than big ones?"));
    await postAnswer(ana, page, answerFields(q, true));
    page = await currentCard(ana);
    seen.push(page.questionId);
  }
  assert.deepEqual(seen.slice(0, 2).sort(), ["small-promises", "trust-slip"]);
  assert.ok(!seen.includes("trust-everyones-job"));
});

test("a card whose question is gone is retired when a review would show it", async () => {
  // As if the retire step at publish had been missed (a crash between the two writes).
  await ReviewCard.updateOne(
    { userId: anaId, questionId: "trust-everyones-job" },
    { $set: { retired: false, due: new Date(Date.now() - DAY), lastCorrect: false } },
  );
  clockNow = new Date(Date.now() + 30 * DAY);
  const seen = new Set<string>();
  for (let i = 0; i < 11; i++) {
    const html = await (await ana.get("/review")).text();
    if (!html.includes('name="card"')) break;
    const page = await currentCard(ana);
    seen.add(page.questionId);
    const q = [...v1.quiz, ...v1.lessons.flatMap((l) => l.checks)].find(
      (x) => x.id === page.questionId,
    );
    assert.ok(q && q.type !== "likert");
    await postAnswer(ana, page, answerFields(q, true));
  }
  assert.ok(!seen.has("trust-everyones-job"));
  const card = await ReviewCard.findOne({
    userId: anaId,
    questionId: "trust-everyones-job",
  }).lean();
  assert.equal(card?.retired, true);
});
