import { standing } from "../../../../server/progress/status-rule.ts";
import type { Screen } from "../../../../server/scorm/bookmark.ts";
import { isComplete, isCorrect, isGraded } from "../answers.ts";
import { content } from "../content.ts";
import { button, h } from "../dom.ts";
import { recordAnswer } from "../interactions.ts";
import { itemAt } from "../item-at.ts";
import { commit, saveScreen, saveSuspend } from "../save.ts";
import { session, state } from "../state.ts";
import { reportScore } from "../status-reporting.ts";
import { createQuestion } from "../widgets/question.ts";
import { stepButtons, stepHeading, stepMeter } from "../widgets/stepper.ts";
import { renderEndScreen } from "./end-screen.ts";
import { renderReview } from "./quiz-review.ts";

/** Shows the current page again; the quiz page calls it after a submit and a retry. */
export type Rerender = (moveFocus: boolean) => void;

// The final quiz, one question per screen. Submitted at the end, it becomes the end screen
// (end-screen.ts), from which the learner can go through every question with its feedback
// (quiz-review.ts). Which screen shows is the learner's place (session.screen, kept in the
// location), so a reload or a later visit opens the question, or the reviewed question, they left.

const view = { step: 0, reviewing: false, reviewStep: 0 };
// Quiz timing lives only in memory: latency is measured from when this attempt was shown.
let quizShownAt = 0;

export function formatPercent(value: number): string {
  return `${Math.round(value * 100) / 100}%`;
}

export function renderQuiz(
  rerender: Rerender,
  openPage: (key: string) => void,
  resume: Screen | null = null,
): HTMLElement[] {
  if (!quizShownAt) quizShownAt = Date.now();
  if (resume) resumeAt(resume);
  const screen = h("div", { class: "sco-quiz" });
  // Showing the page saves the place (navigation.ts); moving within it saves it here.
  const paint = (moved: boolean) => {
    screen.replaceChildren(...screenParts(rerender, openPage, paint));
    session.screen = shownScreen();
    if (!moved) return;
    screen.querySelector<HTMLElement>("h2[tabindex]")?.focus();
    saveScreen();
  };
  paint(false);
  return [screen];
}

/** Opens the screen the learner left, if it still fits what the quiz is now (submitted or not). */
function resumeAt(place: Screen): void {
  const last = content.quiz.length - 1;
  const index = Math.max(0, Math.min(last, place.index));
  if (place.review && state.quizSubmitted) {
    view.reviewing = true;
    view.reviewStep = index;
  } else if (!place.review && !state.quizSubmitted) view.step = index;
}

/** The question on screen; null on the end screen, which is where the page opens. */
function shownScreen(): Screen | null {
  if (!state.quizSubmitted) return { review: false, index: view.step };
  return view.reviewing ? { review: true, index: view.reviewStep } : null;
}

function screenParts(
  rerender: Rerender,
  openPage: (key: string) => void,
  paint: (focus: boolean) => void,
): HTMLElement[] {
  if (state.quizSubmitted) {
    if (view.reviewing) {
      return renderReview(view.reviewStep, {
        go: (step) => {
          view.reviewStep = step;
          paint(true);
        },
        done: () => {
          view.reviewing = false;
          paint(true);
        },
      });
    }
    return [
      renderEndScreen({
        review: () => {
          view.reviewing = true;
          view.reviewStep = 0;
          paint(true);
        },
        retry: () => retryQuiz(rerender),
        openPage,
      }),
    ];
  }
  return questionScreen(rerender, paint);
}

function questionScreen(rerender: Rerender, paint: (focus: boolean) => void): HTMLElement[] {
  const quiz = content.quiz;
  const count = quiz.length;
  view.step = Math.max(0, Math.min(count - 1, view.step));
  const q = itemAt(quiz, view.step);
  const graded = quiz.filter(isGraded);
  const message = h("p", {
    class: "sco-form-message",
    "aria-live": "assertive",
    "data-testid": "quiz-message",
  });
  const widget = createQuestion(q, {
    prefix: "quiz",
    answer: state.answers[q.id],
    seed: state.quizAttempts,
    onChange: (answer) => {
      state.answers[q.id] = answer;
      message.textContent = "";
      saveSuspend();
      commit();
    },
  });
  // An order shown and left as it is, is the learner's answer.
  if (q.type === "ordering" && state.answers[q.id] === undefined)
    state.answers[q.id] = widget.answer;
  const go = (step: number) => {
    view.step = step;
    paint(true);
  };
  const submit = button(
    "Submit answers",
    "quiz-submit",
    () => submitQuiz(message, go, rerender),
    true,
  );
  const intro =
    view.step === 0
      ? h("p", {
          class: "sco-quiz-intro",
          text:
            `${count} question${count === 1 ? "" : "s"}. You need ${formatPercent(session.passMark)} to pass.` +
            (graded.length < count ? " The self-assessment is not scored." : ""),
        })
      : null;
  return [
    ...(intro ? [intro] : []),
    stepHeading(view.step, count, "quiz-step"),
    stepMeter(view.step, count),
    widget.root,
    message,
    stepButtons({ prefix: "quiz", at: view.step, count, go, last: submit }),
  ];
}

export function quizScore(): { correct: number; total: number; ratio: number } {
  const graded = content.quiz.filter(isGraded);
  const correct = graded.filter((q) => isCorrect(q, state.answers[q.id] ?? "")).length;
  return { correct, total: graded.length, ratio: graded.length ? correct / graded.length : 0 };
}

function submitQuiz(message: HTMLElement, go: (step: number) => void, rerender: Rerender): void {
  const missing = content.quiz.findIndex((q) => !isComplete(q, state.answers[q.id] ?? ""));
  if (missing >= 0) {
    const left = content.quiz.filter((q) => !isComplete(q, state.answers[q.id] ?? "")).length;
    go(missing);
    // The message lives on the screen just shown: the first question still unanswered.
    const shown = document.querySelector<HTMLElement>('[data-testid="quiz-message"]') ?? message;
    shown.textContent = `Answer every question before submitting: ${left} still need${left === 1 ? "s" : ""} an answer.`;
    return;
  }
  const { ratio } = quizScore();
  state.quizSubmitted = true;
  state.quizAttempts += 1;
  state.quizPassed =
    standing({
      lessonCount: 0,
      lessonsViewed: 0,
      hasQuiz: true,
      quizSubmitted: true,
      scoreRatio: ratio,
      passMark: session.passMark,
    }).success === "passed";
  for (const q of content.quiz) recordAnswer("quiz", q, state.answers[q.id] ?? "", quizShownAt);
  reportScore(ratio);
  view.reviewing = false;
  // Re-rendering shows the end screen and saves + commits.
  rerender(false);
  document.getElementById("quiz-result-title")?.focus();
}

function retryQuiz(rerender: Rerender): void {
  for (const q of content.quiz) delete state.answers[q.id];
  state.quizSubmitted = false;
  view.step = 0;
  view.reviewing = false;
  quizShownAt = Date.now();
  rerender(true);
}
