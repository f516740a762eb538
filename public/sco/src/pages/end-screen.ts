import { isCorrect, isGraded, likertBand } from "../answers.ts";
import { content, type ScoLesson } from "../content.ts";
import { button, h } from "../dom.ts";
import { finishButton } from "../finish-button.ts";
import { hostLinks, onHostLinks } from "../host-links.ts";
import { session, state } from "../state.ts";
import { formatPercent, quizScore } from "./quiz.ts";

// The finish moment: the result, the learner's profile from any self-assessment, the lessons
// that teach what was missed, and, when played in Rapport, the way on (certificate, next module,
// My learning). In an LMS the platform links are simply absent.

export interface EndScreenActions {
  review(): void;
  retry(): void;
  openPage(key: string): void;
}

let nextSteps: HTMLElement | null = null;
onHostLinks(() => {
  if (nextSteps?.isConnected) fillNextSteps(nextSteps);
});

export function renderEndScreen(actions: EndScreenActions): HTMLElement {
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
      class: "sco-result-score",
      text: `You scored ${percent}% (${correct} of ${total} correct). ${
        passed
          ? "Well done."
          : `You need ${formatPercent(session.passMark)} to pass. Look at the lessons below again, then try again.`
      }`,
    }),
    ...profiles(),
  );
  const missed = missedByLesson();
  if (missed.length) section.append(missedList(missed, actions.openPage));
  section.append(
    h(
      "div",
      { class: "sco-result-actions" },
      button("Review your answers", "quiz-review", actions.review, passed),
      passed ? null : button("Try again", "quiz-retry", actions.retry, true),
    ),
  );
  // Once passed, the learner can end the LMS session here (leaving the page also ends it).
  const finish = passed ? finishButton() : null;
  if (finish) section.append(finish);
  nextSteps = h("div", { class: "sco-next-steps", "data-testid": "next-steps" });
  fillNextSteps(nextSteps);
  section.append(nextSteps);
  return section;
}

/** "Your profile: …" for each self-assessment in the quiz. */
function profiles(): HTMLElement[] {
  return content.quiz.flatMap((q) => {
    if (q.type !== "likert") return [];
    const answer = state.answers[q.id];
    if (!answer) return [];
    const band = likertBand(q, answer);
    return [
      h(
        "p",
        { class: "sco-profile", "data-testid": `profile-${q.id}` },
        h("strong", { text: `Your profile: ${band.label}. ` }),
        band.text,
      ),
    ];
  });
}

function missedByLesson(): { lesson: ScoLesson; prompts: string[] }[] {
  const wrong = content.quiz.filter((q) => isGraded(q) && !isCorrect(q, state.answers[q.id] ?? ""));
  return content.lessons
    .map((lesson) => ({
      lesson,
      prompts: wrong.filter((q) => content.teaches?.[q.id] === lesson.id).map((q) => q.prompt),
    }))
    .filter((entry) => entry.prompts.length > 0);
}

function missedList(
  missed: { lesson: ScoLesson; prompts: string[] }[],
  openPage: (key: string) => void,
): HTMLElement {
  return h(
    "div",
    { class: "sco-missed" },
    h("h3", { text: "Worth another look" }),
    h(
      "ul",
      {},
      missed.map(({ lesson, prompts }) =>
        h(
          "li",
          {},
          h("a", {
            href: `#lesson/${lesson.id}`,
            "data-testid": `missed-lesson-${lesson.id}`,
            text: lesson.title,
            onclick: (event: Event) => {
              event.preventDefault();
              openPage(`lesson/${lesson.id}`);
            },
          }),
          h(
            "span",
            { class: "sco-missed-count" },
            ` (${prompts.length} question${prompts.length === 1 ? "" : "s"} missed)`,
          ),
        ),
      ),
    ),
  );
}

function fillNextSteps(el: HTMLElement): void {
  const links = hostLinks();
  if (!links) {
    el.replaceChildren();
    return;
  }
  const go = (href: string, text: string, testId: string, primary: boolean) =>
    h("a", {
      href,
      target: "_top",
      class: primary ? "sco-button sco-button-primary" : "sco-button",
      "data-testid": testId,
      text,
    });
  const passed = state.quizPassed === true;
  const shown = [
    passed && links.certificateUrl
      ? go(links.certificateUrl, "Your certificate", "end-certificate", true)
      : null,
    links.nextModule
      ? go(
          links.nextModule.url,
          `Next module: ${links.nextModule.title}`,
          "end-next-module",
          passed,
        )
      : null,
    links.myLearningUrl
      ? go(links.myLearningUrl, "Back to My learning", "end-my-learning", false)
      : null,
  ];
  el.replaceChildren(...shown.filter((link) => link !== null));
}
