import { standing } from "../../../../server/progress/status-rule.ts";
import { isComplete, isCorrect, isGraded } from "../answers.ts";
import { content } from "../content.ts";
import { button, h } from "../dom.ts";
import { finishButton } from "../finish-button.ts";
import { recordAnswer } from "../interactions.ts";
import { itemAt } from "../item-at.ts";
import { commit, saveSuspend } from "../save.ts";
import { session, state } from "../state.ts";
import { reportScore } from "../status-reporting.ts";
import { showFeedback } from "../widgets/feedback.ts";
import { createQuestion, lockQuestion } from "../widgets/question.ts";
import type { Widget } from "../widgets/widget.ts";

/** Shows the current page again; the quiz page calls it after a submit and a retry. */
export type Rerender = (moveFocus: boolean) => void;

// Quiz timing lives only in memory: latency is measured from when this attempt was shown.
let quizShownAt = 0;

export function renderQuiz(rerender: Rerender): HTMLElement[] {
  const graded = content.quiz.filter(isGraded);
  if (!quizShownAt) quizShownAt = Date.now();
  const submitted = state.quizSubmitted;
  const intro = h("p", {
    text:
      `${content.quiz.length} question${content.quiz.length === 1 ? "" : "s"}. You need ${formatPercent(session.passMark)} to pass.` +
      (graded.length < content.quiz.length ? " The self-assessment is not scored." : ""),
  });
  const message = h("p", {
    class: "sco-form-message",
    "aria-live": "assertive",
    "data-testid": "quiz-message",
  });
  const widgets = content.quiz.map((q) =>
    createQuestion(q, {
      prefix: "quiz",
      answer: state.answers[q.id],
      seed: state.quizAttempts,
      onChange: (answer) => {
        state.answers[q.id] = answer;
        message.textContent = "";
        saveSuspend();
        commit();
      },
    }),
  );
  const items = widgets.map((w, i) =>
    h(
      "li",
      { class: "sco-quiz-item" },
      h("h2", { class: "sco-question-number", text: `Question ${i + 1} of ${widgets.length}` }),
      w.root,
    ),
  );
  const parts: HTMLElement[] = [intro];
  if (submitted) {
    for (const w of widgets) {
      lockQuestion(w);
      showFeedback(w);
    }
    parts.push(renderQuizResult(rerender));
  }
  parts.push(h("ol", { class: "sco-quiz-list" }, items));
  if (!submitted) {
    parts.push(
      message,
      button("Submit answers", "quiz-submit", () => submitQuiz(widgets, message, rerender), true),
    );
  }
  return parts;
}

function formatPercent(value: number): string {
  return `${Math.round(value * 100) / 100}%`;
}

function quizScore(): { correct: number; total: number; ratio: number } {
  const graded = content.quiz.filter(isGraded);
  const correct = graded.filter((q) => isCorrect(q, state.answers[q.id] ?? "")).length;
  return { correct, total: graded.length, ratio: graded.length ? correct / graded.length : 0 };
}

function renderQuizResult(rerender: Rerender): HTMLElement {
  const { correct, total, ratio } = quizScore();
  const passed = state.quizPassed === true;
  const percent = Math.floor(ratio * 100);
  const section = h(
    "section",
    {
      class: `sco-result ${passed ? "is-correct" : "is-wrong"}`,
      "aria-labelledby": "quiz-result-title",
      "data-testid": "quiz-result",
    },
    h("h2", {
      id: "quiz-result-title",
      tabindex: -1,
      text: passed ? "You passed" : "Not passed yet",
    }),
    h("p", {
      text: `You scored ${percent}% (${correct} of ${total} correct). ${
        passed
          ? "Well done."
          : `You need ${formatPercent(session.passMark)} to pass. Read the feedback below, then try again.`
      }`,
    }),
  );
  if (!passed) {
    section.append(button("Try again", "quiz-retry", () => retryQuiz(rerender), true));
  } else {
    const finish = finishButton();
    if (finish) section.append(finish);
  }
  return section;
}

function submitQuiz(widgets: Widget[], message: HTMLElement, rerender: Rerender): void {
  const missing = widgets.filter((w) => !isComplete(w.q, w.answer));
  if (missing.length) {
    message.textContent = `Answer every question before submitting: ${missing.length} still need${missing.length === 1 ? "s" : ""} an answer.`;
    itemAt(missing, 0).focusTarget?.focus();
    return;
  }
  for (const w of widgets) state.answers[w.q.id] = w.answer;
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
  for (const w of widgets) recordAnswer("quiz", w.q, w.answer, quizShownAt);
  reportScore(ratio);
  // Re-rendering shows the page in its submitted state and saves + commits.
  rerender(false);
  document.getElementById("quiz-result-title")?.focus();
}

function retryQuiz(rerender: Rerender): void {
  for (const q of content.quiz) delete state.answers[q.id];
  state.quizSubmitted = false;
  quizShownAt = Date.now();
  rerender(true);
}
