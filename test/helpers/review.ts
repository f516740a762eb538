import assert from "node:assert/strict";
import type mongoose from "mongoose";
import { LearnerPrefs } from "../../server/account/learner-prefs-model.ts";
import { User } from "../../server/auth/user-model.ts";
import { Module } from "../../server/content/module-model.ts";
import type { ModuleContent, Question } from "../../server/content/module-schema.ts";
import { recordReviewAnswers } from "../../server/review/record-review-answers.ts";
import type { HttpClient } from "./http-client.ts";
import { createLearner } from "./player-driver.ts";

const DAY = 86_400_000;

type Graded = Exclude<Question, { type: "likert" }>;
const LETTERS = "abcdefgh";

/** The quiz's graded questions, as a module version has them. */
export const gradedQuiz = (content: ModuleContent) =>
  content.quiz.filter((q): q is Graded => q.type !== "likert");

/** A well-formed SCORM 2004 response for the question's interaction type (the verdict is `result`). */
function learnerResponse(q: Graded): string {
  if (q.type === "true-false") return "true";
  if (q.type === "ordering") return q.items.map((_, i) => LETTERS[i]).join("[,]");
  if (q.type === "matching") return q.pairs.map((_, i) => `${i + 1}[.]${LETTERS[i]}`).join("[,]");
  return "a";
}

/** SCORM 2004 interactions as the bundle reports a submitted quiz: `wrong` ids answered wrongly. */
export function quizInteractions(
  content: ModuleContent,
  wrong: readonly string[],
  opts: { shownAt: Date; seconds: number },
): Record<string, unknown> {
  const timestamp = opts.shownAt.toISOString().replace(/(\.\d{2})\d*Z$/, "$1Z");
  const entries = gradedQuiz(content).map((q, i) => [
    String(i),
    {
      id: `quiz-${q.id}`,
      type:
        q.type === "true-false"
          ? "true-false"
          : q.type === "ordering"
            ? "sequencing"
            : q.type === "matching"
              ? "matching"
              : "choice",
      learner_response: learnerResponse(q),
      result: wrong.includes(q.id) ? "incorrect" : "correct",
      latency: `PT${opts.seconds}S`,
      timestamp,
      description: q.prompt.slice(0, 200),
    },
  ]);
  return Object.fromEntries(entries);
}

/** Form fields answering `q` rightly or wrongly, as the review page's inputs name them. */
export function answerFields(q: Graded, right: boolean): [string, string][] {
  switch (q.type) {
    case "single":
    case "scenario": {
      const i = q.options.findIndex((o) => o.correct === right);
      return [["answer", LETTERS[i] ?? "a"]];
    }
    case "multiple": {
      const picked = q.options.flatMap((o, i) => (o.correct === right ? [LETTERS[i] ?? ""] : []));
      return picked.map((l) => ["answer", l]);
    }
    case "true-false":
      return [["answer", q.answer === right ? "t" : "f"]];
    case "ordering":
      return q.items.map((_, i) => {
        const position = right || i > 1 ? i + 1 : i === 0 ? 2 : 1;
        return [`pos-${LETTERS[i]}`, String(position)];
      });
    case "matching":
      return q.pairs.map((_, i) => {
        const letter = right || i > 1 ? LETTERS[i] : i === 0 ? "b" : "a";
        return [`match-${i + 1}`, letter ?? "a"];
      });
  }
}

export interface CardPage {
  html: string;
  csrf: string;
  cardId: string;
  shown: string;
  questionId: string;
}

/** Reads the card /review shows now. */
export async function currentCard(client: HttpClient): Promise<CardPage> {
  const res = await client.get("/review");
  assert.equal(res.status, 200);
  const html = await res.text();
  const pick = (re: RegExp, what: string) => {
    const m = html.match(re);
    assert.ok(m?.[1], `the review page shows ${what}`);
    return m[1];
  };
  return {
    html,
    csrf: pick(/name="_csrf" value="([^"]+)"/, "a CSRF token"),
    cardId: pick(/name="card" value="([0-9a-f]{24})"/, "a card"),
    shown: pick(/name="shown" value="(\d+)"/, "when it was shown"),
    questionId: pick(/class="sco-question[^"]*" data-testid="q-([a-z0-9-]+)"/, "a question"),
  };
}

/** Posts an answer to the card read from the page, as the browser's form would. */
export function postAnswer(
  client: HttpClient,
  page: CardPage,
  fields: [string, string][],
  shown = page.shown,
): Promise<Response> {
  const body = new URLSearchParams([
    ["_csrf", page.csrf],
    ["card", page.cardId],
    ["shown", shown],
    ...fields,
  ]);
  return client.request("/review/answer", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/html" },
    body,
  });
}

/** A learner who took the trust quiz ten days ago (missing `missed`), with `size` cards a day. */
export async function learnerWithDueCards(
  email: string,
  size: number,
  trust: ModuleContent,
  missed: string[] = ["two-sides", "match-signals"],
): Promise<string> {
  const learner = await createLearner(email);
  const user = await User.findOne({ email }).lean();
  const mod = await Module.findOne({ slug: "trust" }).lean();
  const then = new Date(Date.now() - 10 * DAY);
  const answers = Object.values(
    quizInteractions(trust, missed, {
      shownAt: new Date(then.getTime() - 150_000),
      seconds: 150,
    }),
  ) as { id: string; type: string; result: string; latency: string; timestamp: string }[];
  await recordReviewAnswers({
    userId: user?._id as mongoose.Types.ObjectId,
    moduleId: mod?._id as mongoose.Types.ObjectId,
    slug: "trust",
    version: 1,
    answers,
    now: then,
  });
  await LearnerPrefs.collection.insertOne({
    userId: user?._id,
    reminderTime: null,
    timeZone: "UTC",
    dailyReviewSize: size,
    nextReminderAt: null,
  });
  return learner.id;
}
