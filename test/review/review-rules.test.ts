import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { fsrs, Rating } from "ts-fsrs";
import { REPO_ROOT } from "../../server/config.ts";
import { correctAnswer } from "../../server/content/answer-encoding.ts";
import { checkLibrary } from "../../server/content/check-library.ts";
import type { Question } from "../../server/content/module-schema.ts";
import {
  answerFromForm,
  type GradedQuestion,
  isCorrect,
} from "../../server/review/grade-answer.ts";
import {
  addDays,
  dayBounds,
  dayIn,
  nextOccurrence,
  zonedInstant,
} from "../../server/review/learner-days.ts";
import { presentQuestion } from "../../server/review/present-question.ts";
import type { IndexedQuestion } from "../../server/review/question-index.ts";
import { ratingFor } from "../../server/review/rating.ts";
import { rateModuleAnswers } from "../../server/review/record-review-answers.ts";
import { retrievability, scheduleAnswer, toFsrsCard } from "../../server/review/scheduler.ts";
import { teachingLessons } from "../../server/review/teaching-lesson.ts";

const { modules } = checkLibrary(`${REPO_ROOT}/courses`, REPO_ROOT);
const trust = modules.find((m) => m.slug === "trust");
assert.ok(trust);
const quiz = (id: string) => {
  const q = trust.quiz.find((x) => x.id === id);
  assert.ok(q && q.type !== "likert");
  return q as GradedQuestion;
};
const hours = (a: Date, b: Date) => (b.getTime() - a.getTime()) / 3_600_000;

describe("a learner's days", () => {
  test("days follow the learner's zone, including the short and long days of DST", () => {
    const spring = dayBounds(new Date("2025-03-30T12:00:00Z"), "Europe/Berlin");
    assert.equal(spring.day, "2025-03-30");
    assert.equal(hours(spring.start, spring.end), 23);
    const autumn = dayBounds(new Date("2025-10-26T12:00:00Z"), "Europe/Berlin");
    assert.equal(hours(autumn.start, autumn.end), 25);
    assert.equal(dayIn(new Date("2025-06-01T23:30:00Z"), "Asia/Tokyo"), "2025-06-02");
    assert.equal(dayIn(new Date("2025-06-01T23:30:00Z"), "America/Los_Angeles"), "2025-06-01");
    assert.equal(addDays("2024-02-28", 1), "2024-02-29");
    assert.equal(addDays("2025-01-01", -1), "2024-12-31");
  });

  test("a reminder time is the next instant the learner's clock shows it", () => {
    const at = new Date("2025-06-01T21:59:00Z"); // 17:59 in New York
    assert.equal(
      nextOccurrence("18:00", "America/New_York", at).toISOString(),
      "2025-06-01T22:00:00.000Z",
    );
    assert.equal(
      nextOccurrence("18:00", "America/New_York", new Date("2025-06-01T22:00:00Z")).toISOString(),
      "2025-06-02T22:00:00.000Z",
    );
    // 02:30 does not exist in Berlin on 30 March 2025: the reminder comes just after the jump.
    assert.equal(
      zonedInstant("2025-03-30", "02:30", "Europe/Berlin").toISOString(),
      "2025-03-30T01:30:00.000Z",
    );
  });

  test("an answer on a 25-hour day is still not due again that day", () => {
    const zone = "Europe/Berlin";
    const at = new Date("2025-10-25T22:30:00Z"); // 00:30 on the 25-hour day
    const { end } = dayBounds(at, zone);
    const next = scheduleAnswer(null, Rating.Again, at, end);
    assert.ok(next.due && next.due.getTime() >= end.getTime());
    assert.equal(dayIn(next.due, zone), "2025-10-27");
  });
});

describe("grading, with the player's answer encoding", () => {
  test("every question type: right, wrong, incomplete and malformed answers", () => {
    const single = quiz("realistic-promise");
    assert.deepEqual(answerFromForm(single, { answer: "b" }), { answer: "b" });
    assert.equal(isCorrect(single, "b"), true);
    assert.deepEqual(answerFromForm(single, {}), { error: "Choose an answer first." });
    assert.ok("error" in answerFromForm(single, { answer: "z" }));
    assert.ok("error" in answerFromForm(single, { answer: ["a", "b"] }));

    const multiple = quiz("two-sides");
    assert.equal(correctAnswer(multiple), "ad");
    assert.deepEqual(answerFromForm(multiple, { answer: ["d", "a", "d"] }), { answer: "ad" });
    assert.equal(isCorrect(multiple, "a"), false);

    const tf = quiz("small-promises");
    assert.deepEqual(answerFromForm(tf, { answer: "f" }), { answer: "f" });
    assert.equal(isCorrect(tf, "f"), true);
    assert.ok("error" in answerFromForm(tf, { answer: "false" }));

    const ordering = quiz("repair-order");
    const inOrder = { "pos-a": "1", "pos-b": "2", "pos-c": "3", "pos-d": "4" };
    assert.deepEqual(answerFromForm(ordering, inOrder), { answer: "abcd" });
    assert.deepEqual(answerFromForm(ordering, { ...inOrder, "pos-a": "2", "pos-b": "1" }), {
      answer: "bacd",
    });
    assert.deepEqual(answerFromForm(ordering, { ...inOrder, "pos-b": "1" }), {
      error: "Give each item a different position.",
    });
    assert.ok("error" in answerFromForm(ordering, { ...inOrder, "pos-d": "5" }));

    const matching = quiz("match-signals");
    const matched = { "match-1": "a", "match-2": "b", "match-3": "c", "match-4": "d" };
    assert.deepEqual(answerFromForm(matching, matched), { answer: "abcd" });
    assert.equal(isCorrect(matching, "abdc"), false);
    assert.ok("error" in answerFromForm(matching, { ...matched, "match-4": "" }));
    assert.ok("error" in answerFromForm(matching, { ...matched, "match-4": "e" }));
  });

  test("feedback reads as in the player", () => {
    const view = presentQuestion(quiz("realistic-promise"), {
      answer: "a",
      answered: true,
      seed: "x",
    });
    assert.equal(view.verdict?.text, "Not quite. The feedback under each answer explains why.");
    assert.match(view.choices?.options[0]?.mark?.text ?? "", /^Your choice is not correct\. /);
    assert.match(view.choices?.options[1]?.mark?.text ?? "", /^This is correct\. /);
    const order = presentQuestion(quiz("repair-order"), { answered: false, seed: "card:day" });
    const shown = order.ordering?.items.map((i) => i.letter).join("");
    assert.notEqual(shown, "abcd", "an ordering question never starts in the right order");
    assert.equal(
      presentQuestion(quiz("repair-order"), { answered: false, seed: "card:day" })
        .ordering?.items.map((i) => i.letter)
        .join(""),
      shown,
      "and starts the same way on every reload",
    );
  });
});

describe("ratings", () => {
  const q = quiz("realistic-promise");
  test("wrong is Again; right is Easy when quick, Hard when slow, Good otherwise or untimed", () => {
    assert.equal(ratingFor(q, false, 3), Rating.Again);
    assert.equal(ratingFor(q, true, null), Rating.Good);
    assert.equal(ratingFor(q, true, 3), Rating.Easy);
    assert.equal(ratingFor(q, true, 20), Rating.Good);
    assert.equal(ratingFor(q, true, 400), Rating.Hard);
  });

  test("module answers: a quiz page's time is shared; a check's time is not used", () => {
    const questions = new Map<string, IndexedQuestion>([
      ["realistic-promise", { question: q, kind: "quiz", lesson: null }],
      ["small-promises", { question: quiz("small-promises"), kind: "quiz", lesson: null }],
      ["promise-risk", { question: q, kind: "check", lesson: null }],
    ]);
    const now = new Date();
    const page = { latency: "PT40S", timestamp: new Date(now.getTime() - 60_000).toISOString() };
    const rated = rateModuleAnswers(
      [
        { id: "quiz-realistic-promise", type: "choice", result: "correct", ...page },
        { id: "quiz-small-promises", type: "true-false", result: "correct", ...page },
        { id: "check-promise-risk", type: "choice", result: "correct", latency: "PT1S" },
        { id: "quiz-trust-likert-s1", type: "likert", result: "neutral" },
        { id: "check-realistic-promise", type: "choice", result: "correct" },
        { id: "quiz-unknown", type: "choice", result: "correct" },
      ],
      questions,
      now,
    );
    assert.deepEqual(
      rated.map((r) => [r.questionId, r.kind]),
      [
        ["realistic-promise", "quiz"],
        ["small-promises", "quiz"],
        ["promise-risk", "check"],
      ],
    );
    // 40 s over two questions is 20 s each: Good for this question; an untimed check is Good.
    assert.equal(rated[0]?.rating, Rating.Good);
    assert.equal(rated[2]?.rating, Rating.Good, "a 1 s check is not rated Easy");
    assert.equal(rated[0]?.at.getTime(), now.getTime() - 20_000, "answered when submitted");
  });
});

describe("retrievability", () => {
  test("is ts-fsrs's, read from the few fields the review loads", () => {
    const f = fsrs({ enable_short_term: false, enable_fuzz: true });
    const t0 = new Date("2025-01-01T09:00:00Z");
    const missed = scheduleAnswer(null, Rating.Again, t0, null);
    const known = scheduleAnswer(null, Rating.Good, t0, null);
    const later = new Date("2025-01-05T09:00:00Z");
    for (const stored of [missed, known]) {
      assert.equal(
        retrievability(stored, later),
        f.get_retrievability(toFsrsCard(stored, t0), later, false),
      );
    }
    assert.ok(retrievability(missed, later) < retrievability(known, later));
  });
});

describe("the lesson that teaches a quiz question", () => {
  test("is the lesson sharing the most distinctive words with it", () => {
    const lessons = teachingLessons(trust);
    const lessonOf = (id: string) => trust.lessons[lessons.get(id) ?? -1]?.id;
    assert.equal(lessonOf("repair-order"), "04-repair-after-a-mistake");
    assert.equal(lessonOf("slow-repair"), "04-repair-after-a-mistake");
    assert.equal(lessonOf("small-promises"), "02-keep-your-word");
    assert.equal(lessons.has("trust-likert" as Question["id"]), false);
  });
});
