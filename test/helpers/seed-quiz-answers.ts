import assert from "node:assert/strict";
import { createUser } from "../../server/auth/create-user.ts";
import type { ModuleContent, Question } from "../../server/content/module-schema.ts";
import { ModuleVersion } from "../../server/content/module-version-model.ts";
import { applyCommit } from "../../server/runtime/apply-commit.ts";
import { startAttempt } from "../../server/runtime/start-attempt.ts";

// Seeds learners' quiz answers through the app's own functions (startAttempt, applyCommit), so
// the rollups are built by the commit path exactly as in production. Questions are single
// choice, scenario or true/false; each answer is the correct option or the first wrong one.

type Answerable = Extract<Question, { type: "single" | "scenario" | "true-false" }>;

export async function answerableQuestions(slug: string, count: number): Promise<Answerable[]> {
  const version = await ModuleVersion.findOne({ slug }).sort({ version: -1 }).lean();
  assert.ok(version, `${slug} is published`);
  const content = version.content as ModuleContent;
  const picked = content.quiz.filter(
    (q): q is Answerable => q.type === "single" || q.type === "scenario" || q.type === "true-false",
  );
  assert.ok(picked.length >= count, `${slug} has ${count} questions to answer`);
  return picked.slice(0, count);
}

export async function lessonCount(slug: string): Promise<number> {
  const version = await ModuleVersion.findOne({ slug }).sort({ version: -1 }).lean();
  assert.ok(version, `${slug} is published`);
  return (version.content as ModuleContent).lessons.length;
}

/** The option key a learner's answer counts under: the letter, or "true"/"false". */
export function answerKey(q: Answerable, right: boolean): string {
  if (q.type === "true-false") return String(right ? q.answer : !q.answer);
  const index = q.options.findIndex((o) => o.correct === right);
  return "abcdefgh"[index] ?? "a";
}

function interaction(q: Answerable, right: boolean) {
  return {
    id: `quiz-${q.id}`,
    type: q.type === "true-false" ? "true-false" : "choice",
    learner_response: answerKey(q, right),
    result: right ? "correct" : "incorrect",
  };
}

export interface SeededLearner {
  email: string;
  /** Lessons viewed, as the bundle's digits ("1100"). */
  seen: string;
  /** One entry per question: right first time or not; omitted = never reached the quiz. */
  quiz?: boolean[];
  /** A retake after the first attempt, with these answers. */
  retake?: boolean[];
}

export async function seedLearners(
  slug: string,
  questions: Answerable[],
  passMark: number,
  learners: SeededLearner[],
): Promise<void> {
  for (const learner of learners) {
    const user = await createUser({
      email: learner.email,
      displayName: learner.email.split("@")[0] ?? "learner",
      password: "quiet harbour 71",
    });
    const first = (await startAttempt({ userId: user.id, slug }))._id.toString();
    await commit(user.id, first, 1, lessonCommit(learner.seen, learner.quiz ? "quiz" : "lesson/x"));
    if (learner.quiz)
      await commit(user.id, first, 2, quizCommit(learner.seen, questions, learner.quiz, passMark));
    if (learner.retake) {
      const again = await startAttempt({ userId: user.id, slug, retake: true });
      const id = again._id.toString();
      assert.notEqual(id, first);
      await commit(user.id, id, 1, quizCommit(learner.seen, questions, learner.retake, passMark));
    }
  }
}

async function commit(userId: string, attemptId: string, seq: number, cmi: unknown) {
  const outcome = await applyCommit({
    attemptId,
    userId,
    body: { seq, session: "session-1", cmi },
  });
  assert.equal(outcome.applied, true);
}

const suspend = (seen: string, submitted: boolean) =>
  JSON.stringify({ v: 1, l: seen, a: {}, q: { s: submitted ? 1 : 0, n: submitted ? 1 : 0 } });

function lessonCommit(seen: string, location: string) {
  return {
    completion_status: "incomplete",
    success_status: "unknown",
    location,
    suspend_data: suspend(seen, false),
  };
}

function quizCommit(seen: string, questions: Answerable[], right: boolean[], passMark: number) {
  const score = right.filter(Boolean).length / right.length;
  return {
    completion_status: "completed",
    success_status: score * 100 >= passMark ? "passed" : "failed",
    score: { scaled: String(score), raw: String(Math.round(score * 100)) },
    location: "quiz",
    suspend_data: suspend(seen, true),
    interactions: Object.fromEntries(
      questions.map((q, i) => [String(i), interaction(q, right[i] ?? false)]),
    ),
  };
}
