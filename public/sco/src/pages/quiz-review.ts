import { content } from "../content.ts";
import { button, h } from "../dom.ts";
import { itemAt } from "../item-at.ts";
import { state } from "../state.ts";
import { showFeedback } from "../widgets/feedback.ts";
import { createQuestion, lockQuestion } from "../widgets/question.ts";
import { stepButtons, stepHeading, stepMeter } from "../widgets/stepper.ts";

// After submitting: the quiz again, one question per screen, with the learner's answers locked
// and every option's feedback showing.

export function renderReview(
  step: number,
  nav: { go(step: number): void; done(): void },
): HTMLElement[] {
  const count = content.quiz.length;
  const at = Math.max(0, Math.min(count - 1, step));
  const q = itemAt(content.quiz, at);
  const widget = createQuestion(q, {
    prefix: "review",
    answer: state.answers[q.id],
    seed: Math.max(0, state.quizAttempts - 1),
  });
  lockQuestion(widget);
  showFeedback(widget);
  return [
    h("p", { class: "sco-quiz-intro", text: "Your answers, with the feedback on each." }),
    stepHeading(at, count, "review-step"),
    stepMeter(at, count),
    widget.root,
    stepButtons({ prefix: "review", at, count, go: nav.go }),
    // Always offered: the result is one tap away from any question.
    h(
      "p",
      { class: "sco-review-done" },
      button("Back to your result", "review-done", nav.done, at === count - 1),
    ),
  ];
}
