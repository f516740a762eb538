import { content } from "./content.ts";
import { h } from "./dom.ts";
import type { LmsError } from "./lms-api.ts";
import { pageAt } from "./page-list.ts";
import { session } from "./state.ts";

// What the learner is told about saving: an alert while the LMS refuses to save (it goes once a
// commit succeeds), and notes on anything the LMS's size limit made the SCO shorten.

interface Notices {
  problem: HTMLElement;
  recovered: HTMLElement;
  notes: HTMLElement;
}

let notices: Notices | null = null;
let problem: LmsError | null = null;
let everFailed = false;

/** Puts the notice elements in the page's header; earlier problems show at once. */
export function mountNotices(): void {
  notices = {
    problem: h("p", { class: "sco-save-notice", role: "alert", "data-testid": "save-notice" }),
    recovered: h("p", { class: "sco-visually-hidden", role: "status" }),
    notes: h("div", { class: "sco-save-notes", role: "status", "data-testid": "save-notes" }),
  };
  const app = document.getElementById("sco-app");
  (app?.querySelector("header") ?? app)?.append(notices.problem, notices.recovered, notices.notes);
  renderProblem();
  showSaveNotes();
}

export function showSaveProblem(error: LmsError): void {
  const same = problem && problem.code === error.code && problem.message === error.message;
  problem = error;
  everFailed = true;
  // The same text again would make a screen reader repeat the alert on every retry.
  if (!same) renderProblem();
}

export const hasSaveProblem = (): boolean => problem !== null;

export function clearSaveProblem(): void {
  if (!problem) return;
  problem = null;
  renderProblem();
}

function renderProblem(): void {
  if (!notices) return;
  notices.problem.hidden = !problem;
  notices.problem.textContent = problem
    ? `Your progress is not being saved by the learning system: ${problem.message} (error ${problem.code}). Please keep this page open: your answers stay here and we keep trying.`
    : "";
  notices.recovered.textContent =
    !problem && everFailed ? "Your progress is being saved again." : "";
}

/** Notes about what the last save had to shorten; the reflections note shows on that page. */
export function showSaveNotes(): void {
  if (!notices) return;
  const lines: string[] = [];
  if (session.unreadableSuspend) {
    lines.push(
      "The progress this learning system kept could not be read, so the module starts from the beginning.",
    );
  }
  if (pageAt(session.current).kind === "reflections") {
    for (const r of content.reflections) {
      if (session.shortened.includes(r.id)) {
        lines.push(
          `This learning system keeps only a little text, so only the start of your reflection “${r.prompt}” is saved.`,
        );
      }
    }
  }
  if (session.practiceDropped) {
    lines.push(
      "This learning system keeps only a little text, so your knowledge-check answers are not saved.",
    );
  }
  notices.notes.hidden = lines.length === 0;
  notices.notes.replaceChildren(...lines.map((text) => h("p", { text })));
}
