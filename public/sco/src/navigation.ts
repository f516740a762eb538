import type { Screen } from "../../../server/scorm/bookmark.ts";
import { content } from "./content.ts";
import { button, h, testId } from "./dom.ts";
import { hostShowsProgress } from "./host-links.ts";
import { type Page, pageAt, pageIndex, pages } from "./page-list.ts";
import { renderLesson } from "./pages/lesson.ts";
import { renderQuiz } from "./pages/quiz.ts";
import { flushReflections, renderReflections } from "./pages/reflections.ts";
import { renderWorksheet } from "./pages/worksheet.ts";
import { commit, saveLocation, saveSuspend } from "./save.ts";
import { session, state } from "./state.ts";
import { reportProgress, viewedCount } from "./status-reporting.ts";

// The page around the content (header, progress bar, contents list) and moving between pages.

interface Ui {
  progressBar: HTMLElement;
  progress: HTMLElement;
  progressText: HTMLElement;
  navList: HTMLElement;
  nav: HTMLElement;
  main: HTMLElement;
}

const ui = {} as Ui;

export function buildShell(preview: boolean): void {
  const app = document.getElementById("sco-app") as HTMLElement;
  ui.progressBar = h("span", { class: "sco-progress-fill" });
  ui.progress = h(
    "div",
    {
      class: "sco-progress",
      role: "progressbar",
      "aria-label": "Lessons viewed",
      "aria-valuemin": 0,
      "aria-valuemax": content.lessons.length,
      "data-testid": "progress",
    },
    ui.progressBar,
  );
  ui.progressText = h("span", { class: "sco-progress-text" });
  ui.navList = h("ol", { class: "sco-nav-list" });
  const toc = h("details", { class: "sco-toc" }, h("summary", { text: "Contents" }), ui.navList);
  // Open beside the page on wide screens; folded away above it on phones.
  if (window.matchMedia?.("(min-width: 60em)").matches) toc.open = true;
  ui.nav = h("nav", { class: "sco-nav", "aria-label": "Module contents" }, toc);
  ui.main = h("main", { id: "sco-main", class: "sco-main" });
  app.replaceChildren(
    h("a", {
      class: "sco-skip",
      href: "#sco-main",
      text: "Skip to content",
      onclick: (event: Event) => {
        event.preventDefault();
        ui.main.querySelector("h1")?.focus();
      },
    }),
    ...header(preview),
    h("div", { class: "sco-layout" }, ui.nav, ui.main),
  );
}

/** The module's title and progress, unless Rapport's player shows them in its bar already. */
function header(preview: boolean): HTMLElement[] {
  if (hostShowsProgress() && !preview) return [];
  return [
    h(
      "header",
      { class: "sco-header" },
      h("p", { class: "sco-module-title", text: content.title }),
      h("div", { class: "sco-progress-row" }, ui.progress, ui.progressText),
      preview
        ? h("p", {
            class: "sco-preview",
            role: "status",
            "data-testid": "preview-notice",
            text: "Preview: progress is not being saved",
          })
        : null,
    ),
  ];
}

function updateChrome(): void {
  const seen = viewedCount();
  const total = content.lessons.length;
  ui.progress.setAttribute("aria-valuenow", String(seen));
  ui.progress.setAttribute("aria-valuetext", `${seen} of ${total} lessons viewed`);
  ui.progressBar.style.width = `${(seen / total) * 100}%`;
  ui.progressText.textContent = `${seen} of ${total} lessons viewed`;
  ui.navList.replaceChildren(
    ...pages.map((page, index) => {
      const done =
        page.kind === "lesson"
          ? state.viewed[page.index]
          : page.kind === "quiz" && state.quizPassed === true;
      return h(
        "li",
        {},
        h(
          "a",
          {
            href: `#${page.key}`,
            class: done ? "is-done" : null,
            "aria-current": index === session.current ? "page" : null,
            "data-testid": `nav-${testId(page.key)}`,
            onclick: (event: Event) => {
              event.preventDefault();
              goTo(index, true);
            },
          },
          page.title,
          done ? h("span", { class: "sco-done", "aria-hidden": "true", text: " ✓" }) : null,
          done ? h("span", { class: "sco-visually-hidden", text: " (done)" }) : null,
        ),
      );
    }),
  );
}

/**
 * Shows a page, records it as viewed, and saves the learner's place. resume is the question the
 * learner was on when they left this page (from the location the LMS kept).
 */
export function goTo(index: number, moveFocus: boolean, resume: Screen | null = null): void {
  flushReflections();
  session.current = Math.max(0, Math.min(pages.length - 1, index));
  // A page that shows one question at a time sets its screen as it renders.
  session.screen = null;
  const page = pageAt(session.current);
  const heading = h("h1", { tabindex: -1, "data-testid": "page-title", text: page.title });
  const body = renderPage(page, resume);
  ui.main.replaceChildren(heading, ...body, pager());
  document.title = `${page.title} · ${content.title}`;
  if (page.kind === "lesson" && !state.viewed[page.index]) {
    state.viewed[page.index] = true;
    reportProgress();
  }
  saveLocation();
  saveSuspend();
  commit();
  updateChrome();
  if (moveFocus) {
    window.scrollTo(0, 0);
    heading.focus();
  }
}

function pager(): HTMLElement {
  const at = session.current;
  return h(
    "nav",
    { class: "sco-pager", "aria-label": "Previous and next page" },
    at > 0 ? button("Previous", "prev", () => goTo(at - 1, true)) : h("span"),
    at < pages.length - 1 ? button("Next", "next", () => goTo(at + 1, true), true) : null,
  );
}

function renderPage(page: Page, resume: Screen | null): HTMLElement[] {
  if (page.kind === "lesson") return renderLesson(page.lesson, resume);
  if (page.kind === "reflections") return renderReflections();
  if (page.kind === "quiz") {
    return renderQuiz(
      (moveFocus) => goTo(session.current, moveFocus),
      (key) => goTo(pageIndex(key), true),
      resume,
    );
  }
  return renderWorksheet();
}
