// Commit bodies shaped like the ones Rapport's player sends for a real module: interaction ids,
// types and response formats as the SCO runtime (public/sco/src) writes them (`check-<id>`, `quiz-<id>`, one
// `…-<statement>` per likert statement), suspend data in the SCO's compact JSON, and the status,
// score and progress values a learner at that point would report. Deterministic per seed, so the
// benchmark can rebuild any attempt's body instead of keeping 100k of them in memory.

import { LETTERS, correctAnswer as rightAnswer } from "../../server/content/answer-encoding.ts";
import type { ModuleContent, Question } from "../../server/content/module-schema.ts";

/** Where an attempt ends up: still going, or finished with the quiz failed or passed. */
export type Outcome = "in-progress" | "failed" | "passed" | "passed-second-try";

export interface AttemptPlan {
  outcome: Outcome;
  seed: number;
}

/** The parts of a published module a commit refers to (read from its ModuleVersion). */
export type ModuleShape = Pick<
  ModuleContent,
  "slug" | "passMark" | "lessons" | "quiz" | "reflections"
>;

/** mulberry32: a small seeded generator, so the same plan always gives the same body. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 60 % passed (a quarter of them on the second quiz try), 15 % failed, 25 % still in progress. */
export function pickOutcome(random: () => number): Outcome {
  const r = random();
  if (r < 0.25) return "in-progress";
  if (r < 0.4) return "failed";
  if (r < 0.55) return "passed-second-try";
  return "passed";
}

/** The correct answer in the player's encoding ("" for likert, which has none). */
const correctAnswer = (q: Question): string => rightAnswer(q) ?? "";

function wrongAnswer(q: Question): string {
  const right = correctAnswer(q);
  switch (q.type) {
    case "single":
    case "scenario": {
      const i = q.options.findIndex((o) => !o.correct);
      return LETTERS[i] ?? "a";
    }
    case "multiple":
      return right.slice(0, 1);
    case "true-false":
      return right === "t" ? "f" : "t";
    case "ordering":
      return [...right].reverse().join("");
    case "matching":
      return `${right[1]}${right[0]}${right.slice(2)}`;
    case "likert":
      return "";
  }
}

const INTERACTION_TYPE: Record<Exclude<Question["type"], "likert">, string> = {
  single: "choice",
  multiple: "choice",
  scenario: "choice",
  "true-false": "true-false",
  ordering: "sequencing",
  matching: "matching",
};

/** A learner answer in SCORM 2004's response notation, as the SCO reports it. */
function scormResponse(q: Question, answer: string): string {
  if (q.type === "true-false") return answer === "t" ? "true" : "false";
  if (q.type === "matching") {
    return [...answer]
      .map((letter, i) => (letter === "-" ? "" : `${i + 1}[.]${letter}`))
      .filter(Boolean)
      .join("[,]");
  }
  return [...answer].join("[,]");
}

function isoDuration(ms: number): string {
  const centis = Math.max(0, Math.round(ms / 10));
  const hours = Math.floor(centis / 360000);
  const minutes = Math.floor((centis % 360000) / 6000);
  const seconds = (centis % 6000) / 100;
  return `PT${hours ? `${hours}H` : ""}${minutes ? `${minutes}M` : ""}${seconds}S`;
}

const description = (text: string) => text.replace(/\s+/g, " ").trim().slice(0, 250);

interface Interaction {
  id: string;
  type: string;
  timestamp: string;
  description: string;
  learner_response: string;
  result: string;
  latency: string;
  correct_responses: Record<string, { pattern: string }>;
}

function interactionsFor(
  prefix: "check" | "quiz",
  q: Question,
  answer: string,
  at: number,
  random: () => number,
): Interaction[] {
  const timestamp = new Date(at).toISOString().replace(/(\.\d{2})\d*Z$/, "$1Z");
  const latency = isoDuration(5_000 + random() * 40_000);
  if (q.type === "likert") {
    return q.statements.map((s, i) => ({
      id: `${prefix}-${q.id}-${s.id}`,
      type: "likert",
      timestamp,
      description: description(`${q.prompt} ${s.text}`),
      learner_response: answer[i] ?? "1",
      result: "neutral",
      latency,
      correct_responses: {},
    }));
  }
  const right = correctAnswer(q);
  return [
    {
      id: `${prefix}-${q.id}`,
      type: INTERACTION_TYPE[q.type],
      timestamp,
      description: description(q.prompt),
      learner_response: scormResponse(q, answer),
      result: answer === right ? "correct" : "incorrect",
      latency,
      correct_responses: { 0: { pattern: scormResponse(q, right) } },
    },
  ];
}

function answerFor(q: Question, correct: boolean, random: () => number): string {
  if (q.type === "likert") {
    const points = q.scale.length;
    return q.statements.map(() => String(1 + Math.floor(random() * points))).join("");
  }
  return correct ? correctAnswer(q) : wrongAnswer(q);
}

const SENTENCES = [
  "I told my team lead on Monday that the rota change would slip by a week, and why.",
  "Next time I will check what I depend on before I give anyone a date.",
  "The handover with the evening shift has been tense since the stock count went wrong.",
  "I want to ask Priya how the missed delivery landed for her customers, and listen first.",
  "Our weekly one-to-one keeps getting cancelled; I will suggest a shorter slot instead.",
  "I could share more of the planning with the two new starters instead of doing it alone.",
  "When the client called about the invoice I guessed, and I should have said I would find out.",
  "I will write down every small promise this week and look at which ones I dropped.",
  "The disagreement about the new checklist is still open and I keep avoiding it.",
  "Sam raised a risk early last month and I reacted badly; I want to thank them properly.",
];

function reflectionText(random: () => number, minChars: number): string {
  let text = "";
  while (text.length < minChars) text += `${SENTENCES[Math.floor(random() * SENTENCES.length)]} `;
  return text.trim();
}

/**
 * The commit a learner's player sends at the end of a visit. "mid" is an earlier visit of the same
 * attempt (half the lessons, no quiz yet); "final" is where the plan's outcome leaves it.
 */
export function buildCommitBody(
  mod: ModuleShape,
  plan: AttemptPlan,
  opts: { stage: "mid" | "final"; seq: number; session: string },
) {
  const random = seededRandom(plan.seed);
  const lessons = mod.lessons;
  const finishedLessons =
    plan.outcome === "in-progress"
      ? 1 + Math.floor(random() * Math.max(1, lessons.length - 1))
      : lessons.length;
  const takesQuiz = opts.stage === "final" && plan.outcome !== "in-progress";
  const viewed = opts.stage === "mid" ? Math.ceil(finishedLessons / 2) : finishedLessons;
  const startedAt = Date.UTC(2026, 9, 1) + Math.floor(random() * 30 * 86_400_000);
  let at = startedAt;

  const answers: Record<string, string> = {};
  const interactions: Interaction[] = [];
  for (const lesson of lessons.slice(0, viewed)) {
    at += 60_000 + random() * 120_000;
    for (const q of lesson.checks) {
      const answer = answerFor(q, random() < 0.75, random);
      answers[q.id] = answer;
      interactions.push(...interactionsFor("check", q, answer, at, random));
    }
  }

  // A failed first try, then (for a second-try pass) the passing one: the SCO appends both sets.
  const tries: boolean[] =
    !takesQuiz || plan.outcome === "in-progress"
      ? []
      : plan.outcome === "failed"
        ? [false]
        : plan.outcome === "passed-second-try"
          ? [false, true]
          : [true];
  const graded = mod.quiz.filter((q) => q.type !== "likert");
  const needed = Math.ceil((mod.passMark / 100) * graded.length);
  let ratio = 0;
  for (const pass of tries) {
    at += 120_000 + random() * 240_000;
    // Enough right answers to land on the intended side of the pass mark.
    const right = pass
      ? needed + Math.floor(random() * (graded.length - needed + 1))
      : Math.floor(random() * needed);
    const rightIds = new Set(
      [...graded]
        .sort(() => random() - 0.5)
        .slice(0, right)
        .map((q) => q.id),
    );
    for (const q of mod.quiz) {
      const answer = answerFor(q, rightIds.has(q.id), random);
      answers[q.id] = answer;
      interactions.push(...interactionsFor("quiz", q, answer, at, random));
    }
    ratio = graded.length ? right / graded.length : 0;
  }
  const passed = tries.length > 0 ? (tries[tries.length - 1] ?? false) : null;

  // Learners write in the reflections page as they go; its text is most of the suspend data.
  const reflections: Record<string, string> = {};
  const reflectionCount = takesQuiz ? mod.reflections.length : 2;
  for (const r of mod.reflections.slice(0, reflectionCount))
    reflections[r.id] = reflectionText(random, 250 + random() * 450);

  const quizState: Record<string, number> = { s: tries.length ? 1 : 0, n: tries.length };
  if (passed !== null) quizState.p = passed ? 1 : 0;
  const suspend = {
    v: 1,
    l: lessons.map((_, i) => (i < viewed ? "1" : "0")).join(""),
    a: answers,
    q: quizState,
    ...(Object.keys(reflections).length ? { r: reflections } : {}),
  };
  const allViewed = viewed === lessons.length;
  const lastLesson = lessons[Math.max(0, viewed - 1)];
  const location = takesQuiz ? "quiz" : `lesson/${lastLesson?.id ?? ""}`;

  return {
    seq: opts.seq,
    session: opts.session,
    cmi: {
      completion_status: allViewed ? "completed" : "incomplete",
      success_status: passed === null ? "unknown" : passed ? "passed" : "failed",
      score: tries.length
        ? {
            scaled: String(Math.round(ratio * 10000) / 10000),
            raw: String(Math.round(ratio * 10000) / 100),
            min: "0",
            max: "100",
          }
        : { scaled: "", raw: "", min: "", max: "" },
      progress_measure: String(Math.round((viewed / lessons.length) * 100) / 100),
      location,
      suspend_data: JSON.stringify(suspend),
      session_time: isoDuration(at - startedAt),
      exit: passed && allViewed ? "normal" : "suspend",
      interactions: Object.fromEntries(interactions.map((it, i) => [String(i), it])),
    },
  };
}
