// The module editor: renders the whole draft as a form, writes every edit back into the draft
// object, autosaves it, and shows the server's field errors and hints next to their fields.
// Structural changes (add, remove, reorder) re-render the form and then put focus where the
// author's attention is, announcing what happened for screen-reader users.
import type { EditorPageData } from "../../../server/authoring/editor-page-data.ts";
import { createSaver, MESSAGES, type Saver, type SaveState } from "./autosave.ts";
import { byId, countLabel, idFor } from "./dom.ts";
import type { EditorContext } from "./draft.ts";
import { getAt, move, readInput, setAt } from "./draft-paths.ts";
import { clearErrors, showErrors } from "./field-errors.ts";
import { type EditorHint, goTo, showHints } from "./hints.ts";
import { lessonHeading, lessonsSection } from "./lessons.ts";
import { createMarkdownPreviewer } from "./markdown-preview.ts";
import { moduleSection, reflectionsSection, worksheetSection } from "./module-fields.ts";
import { setPlaceholderMark, shownValue } from "./placeholders.ts";
import { setupPublish } from "./publish.ts";
import { questionList, summaryText } from "./questions.ts";

declare global {
  interface Window {
    /** The editor's state, read by the browser tests (test/helpers/authoring-driver.ts). */
    RapportEditor?: { ctx: EditorContext; saver: Saver };
  }
}

const data: EditorPageData = JSON.parse(byId("editor-data", HTMLScriptElement).textContent ?? "");
const root = byId("editor", HTMLElement);
const form = byId("editor-form", HTMLFormElement);
const statusEl = byId("save-status", HTMLElement);
const reloadButton = byId("reload-button", HTMLButtonElement);
const errorBox = byId("editor-errors", HTMLElement);
const announcer = byId("editor-announcer", HTMLElement);
const headingTitle = byId("editor-heading-title", HTMLElement);
const hintsSummary = byId("hints-summary", HTMLElement);
const hintsText = byId("hints-text", HTMLElement);
const firstHintButton = byId("first-hint", HTMLButtonElement);
const csrf = root.dataset.csrf ?? "";
setPlaceholderMark(data.placeholderMark);

let slug = data.slug;
let hints: EditorHint[] = data.hints ?? [];

const ctx: EditorContext = {
  draft: data.draft,
  publishedVersion: data.publishedVersion,
  questionTypes: data.questionTypes,
  openQuestions: new WeakSet(),
  openLessons: new WeakSet(),
  previewer: createMarkdownPreviewer({ csrf }),
  dragFrom: null,
  structural(mutate, { focusId, focusFirstIn, announce } = {}) {
    mutate();
    // Paths after the change no longer match the server's hints; the next save brings new ones.
    hints = [];
    render();
    const target = focusId
      ? document.getElementById(focusId)
      : focusFirstIn
        ? document
            .getElementById(focusFirstIn)
            ?.querySelector<HTMLElement>("input, textarea, select, summary")
        : null;
    target?.focus();
    if (announce) say(announce);
    saver.changed();
  },
  moveItem(list, from, to, listPath, label) {
    if (to < 0 || to >= list.length) return;
    const up = to < from;
    ctx.structural(() => move(list, from, to), {
      announce: `${capitalize(label)} moved to position ${to + 1}`,
    });
    const path = `${listPath}.${to}`;
    const same = document.getElementById(idFor(path, up ? "up" : "down"));
    const other = document.getElementById(idFor(path, up ? "down" : "up"));
    (same instanceof HTMLButtonElement && !same.disabled ? same : other)?.focus();
  },
};

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function say(text: string) {
  // Cleared first so the same words twice in a row are still announced.
  announcer.textContent = "";
  setTimeout(() => {
    announcer.textContent = text;
  }, 50);
}

function render() {
  clearErrors(form, errorBox);
  form.replaceChildren(
    moduleSection(ctx),
    lessonsSection(ctx),
    questionList(ctx, {
      list: ctx.draft.quiz,
      path: "quiz",
      title: "Final quiz",
      max: 30,
      idPrefix: "q",
      headingTag: "h2",
    }),
    reflectionsSection(ctx),
    worksheetSection(ctx),
  );
  for (const section of form.querySelectorAll(":scope > section"))
    section.classList.add("editor-section");
  renderHints();
}

/** Puts the current hints at their fields and says how many block publishing. */
function renderHints() {
  showHints(form, hints, { draft: ctx.draft, onKeep: keepText });
  const blocking = hints.filter((h) => h.blocksPublish).length;
  const advice = hints.length - blocking;
  hintsSummary.hidden = hints.length === 0;
  const parts: string[] = [];
  if (blocking)
    parts.push(
      `${blocking} ${blocking === 1 ? "piece" : "pieces"} of placeholder text to rewrite before publishing, each marked “To do”.`,
    );
  if (advice)
    parts.push(
      `${countLabel(advice, "hint")} on how the questions read, each marked “Hint”: advice that blocks nothing.`,
    );
  parts.push("Folded lessons and questions show how many they hold.");
  hintsText.textContent = parts.join(" ");
}

/** "Keep this text": the stub's words become the author's own, without the placeholder mark. */
function keepText(path: string, control: HTMLElement) {
  setAt(ctx.draft, path, shownValue(getAt(ctx.draft, path)));
  hints = hints.filter((h) => !(h.path === path && h.blocksPublish));
  renderHints();
  control.closest(".field")?.classList.remove("field--placeholder");
  control.focus();
  say("Kept as written");
  saver.changed();
}

function setState(state: SaveState, extra?: string) {
  statusEl.dataset.state = state;
  statusEl.textContent =
    extra && state === "denied" ? `${MESSAGES.denied} (${extra})` : MESSAGES[state];
  reloadButton.hidden = state !== "conflict";
}

/** Links that contain the slug follow a slug change. */
function updateLinks() {
  for (const a of root.querySelectorAll<HTMLAnchorElement>("a[data-href]"))
    a.href = (a.dataset.href ?? "").replace("{slug}", slug);
}

const saver = createSaver({
  url: () => `/api/admin/modules/${encodeURIComponent(slug)}/draft`,
  csrf,
  revision: data.revision,
  getDraft: () => ctx.draft,
  setState,
  onSaved(body, sent) {
    clearErrors(form, errorBox);
    if (sent.slug && sent.slug !== slug) {
      slug = sent.slug;
      root.dataset.slug = slug;
      history.replaceState(null, "", `/admin/modules/${slug}`);
      updateLinks();
    }
    if (Array.isArray(body.hints)) {
      hints = body.hints;
      renderHints();
    }
  },
  onInvalid(body) {
    const focus = showErrors(form, errorBox, body.fields, body.error);
    focus?.focus();
  },
  onConflict(body) {
    if (body.error) statusEl.textContent = `${MESSAGES.conflict}. ${body.error}`;
    reloadButton.focus();
  },
});

/** The control that a hint note describes: where "go to the first" takes the author. */
function firstHintOwner(): HTMLElement | null {
  const first = form.querySelector("[data-hint-for]");
  return first && form.querySelector<HTMLElement>(`[aria-describedby~="${CSS.escape(first.id)}"]`);
}

reloadButton.addEventListener("click", () => location.reload());
firstHintButton.addEventListener("click", () => {
  const owner = firstHintOwner();
  if (owner) goTo(owner);
});

function onEdit(event: Event) {
  const input = event.target;
  const bound =
    input instanceof HTMLInputElement ||
    input instanceof HTMLTextAreaElement ||
    input instanceof HTMLSelectElement;
  if (!bound) return;
  const path = input.dataset.path;
  if (!path) return;
  const value = readInput(input);
  if (JSON.stringify(getAt(ctx.draft, path)) === JSON.stringify(value)) return;
  setAt(ctx.draft, path, value);
  // The author's own words replace a stub: its to-do goes now, not after the next save. Advice
  // stays until the save's answer says whether the edit settled it.
  const stub = (h: EditorHint) => h.path === path && h.blocksPublish;
  if (hints.some(stub)) {
    hints = hints.filter((h) => !stub(h));
    renderHints();
  }
  input.closest(".field--placeholder")?.classList.remove("field--placeholder");
  if (path === "title") headingTitle.textContent = String(value);
  followSummaries(path, value);
  saver.changed();
}

/** A folded lesson's or question's one-line summary (and a lesson's preview) follow its fields. */
function followSummaries(path: string, value: unknown) {
  const m = /^(.*)\.(prompt|title|markdown|minutes)$/.exec(path);
  const ownerPath = m?.[1];
  const owner = ownerPath === undefined ? undefined : getAt(ctx.draft, ownerPath);
  if (!m || ownerPath === undefined || typeof owner !== "object" || owner === null) return;
  const summary = form.querySelector(`[data-summary-for="${CSS.escape(ownerPath)}"]`);
  const index = Number(ownerPath.split(".").pop());
  if (summary && m[2] === "prompt") summary.textContent = summaryText(owner);
  if (summary && m[2] === "title") summary.textContent = lessonHeading(owner, index);
  if (m[2] === "minutes") {
    const meta = form.querySelector(`[data-meta-for="${CSS.escape(ownerPath)}"]`);
    if (meta) meta.textContent = (meta.textContent ?? "").replace(/· [^·]* min/, `· ${value} min`);
  }
  if (m[2] === "markdown") {
    const preview = form.querySelector<HTMLElement>(
      `[data-preview-for="${CSS.escape(ownerPath)}"]`,
    );
    if (preview) ctx.previewer.schedule(owner, preview);
  }
}

form.addEventListener("input", onEdit);
form.addEventListener("change", onEdit);
// Enter in a text field would submit the form: save now instead.
form.addEventListener("submit", (event) => {
  event.preventDefault();
  saver.flush();
});
document.addEventListener("dragend", () => {
  ctx.dragFrom = null;
});
window.addEventListener("beforeunload", (event) => {
  if (saver.unsaved) event.preventDefault();
});

setupPublish({
  csrf,
  slug: () => slug,
  saver,
  onPublished(version) {
    if (ctx.publishedVersion === 0) {
      ctx.publishedVersion = version;
      for (const el of root.querySelectorAll<HTMLElement>("[data-published-only]"))
        el.hidden = false;
      const focused = document.activeElement;
      render();
      if (focused instanceof HTMLElement) focused.focus();
    }
    ctx.publishedVersion = version;
  },
  /** A refused publish names the fields still holding placeholders: show them, go to the first. */
  onBlocked(fields) {
    const blocked = Object.entries(fields).map(([path, message]) => ({
      path,
      message,
      blocksPublish: true,
    }));
    hints = [...blocked, ...hints.filter((h) => !(h.path in fields))];
    renderHints();
    const owner = firstHintOwner();
    if (owner) goTo(owner);
  },
});

render();
setState("saved");
window.RapportEditor = { ctx, saver };
