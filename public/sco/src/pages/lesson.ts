import type { Screen } from "../../../../server/scorm/bookmark.ts";
import { isComplete } from "../answers.ts";
import type { Question, ScoLesson } from "../content.ts";
import { button, h } from "../dom.ts";
import { recordAnswer } from "../interactions.ts";
import { itemAt } from "../item-at.ts";
import { commit, saveScreen, saveSuspend } from "../save.ts";
import { session, state } from "../state.ts";
import { showFeedback } from "../widgets/feedback.ts";
import { createQuestion } from "../widgets/question.ts";
import { stepButtons, stepHeading, stepMeter } from "../widgets/stepper.ts";

export function renderLesson(lesson: ScoLesson, resume: Screen | null = null): HTMLElement[] {
  const article = h("div", { class: "sco-lesson-body" });
  // Sanitised at publish time by the server's one Markdown renderer.
  article.innerHTML = lesson.html;
  const parts: HTMLElement[] = [
    h("p", { class: "sco-meta", text: `About ${lesson.minutes} min` }),
    article,
  ];
  if (resume && !resume.review) checkSteps.set(lesson.id, resume.index);
  if (lesson.checks.length) parts.push(renderChecks(lesson));
  return parts;
}

// Which check of each lesson is showing. The current lesson's is also the learner's place
// (session.screen), so a reload or a later visit opens the check the learner left.
const checkSteps = new Map<string, number>();

/** The lesson's knowledge checks, one per screen. */
function renderChecks(lesson: ScoLesson): HTMLElement {
  const shownAt = Date.now();
  const count = lesson.checks.length;
  const screen = h("div", { class: "sco-check-screen" });
  const show = (step: number, moved: boolean) => {
    checkSteps.set(lesson.id, step);
    session.screen = count > 1 ? { review: false, index: step } : null;
    const q = itemAt(lesson.checks, step);
    const heading = stepHeading(step, count, "check-step", "h3");
    screen.replaceChildren(heading, renderCheck(q, shownAt));
    if (count > 1) {
      heading.after(stepMeter(step, count));
      screen.append(stepButtons({ prefix: "check", at: step, count, go: (to) => show(to, true) }));
    }
    if (!moved) return;
    heading.focus();
    saveScreen();
  };
  // Showing the page saves the place (navigation.ts); moving between its checks saves it here.
  show(Math.max(0, Math.min(checkSteps.get(lesson.id) ?? 0, count - 1)), false);
  return h(
    "section",
    { class: "sco-checks", "aria-labelledby": `checks-${lesson.id}` },
    h("h2", { id: `checks-${lesson.id}`, text: "Check your understanding" }),
    screen,
  );
}

/** A knowledge check: answered and checked on the spot, as often as the learner likes. */
function renderCheck(q: Question, shownAt: number): HTMLElement {
  const saved = state.answers[q.id];
  const widget = createQuestion(q, { prefix: "check", answer: saved, live: true });
  const likert = q.type === "likert";
  const check = () => {
    if (!isComplete(q, widget.answer)) {
      widget.summary.textContent = likert
        ? "Answer every statement first."
        : "Choose an answer first.";
      return;
    }
    const first = state.answers[q.id] === undefined;
    state.answers[q.id] = widget.answer;
    showFeedback(widget);
    // Only the first try is reported: later tries are practice with the feedback in view.
    if (first) recordAnswer("check", q, widget.answer, shownAt);
    saveSuspend();
    commit();
  };
  if (saved !== undefined && isComplete(q, saved)) showFeedback(widget);
  widget.root.append(button(likert ? "Show my profile" : "Check answer", `check-${q.id}`, check));
  return widget.root;
}
