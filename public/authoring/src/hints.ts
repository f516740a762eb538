// Hints are the server's notes about a draft that saves fine but is not ready: stub text that
// blocks publishing (server/content/publish-blockers.ts, tagged "To do") and the assessment
// linter's advice (server/content/lint/, tagged "Hint"), which blocks nothing. Each save answers
// with the current ones. Each is shown under its field (a module-wide one under the Module
// heading, at the top), tied to it with aria-describedby, and counted on the one-line summary of
// its lesson and question, so folded items still say what they hold.
import type { EditorHint } from "../../../server/authoring/editor-page-data.ts";
import { button, countLabel, h, hidden, reveal } from "./dom.ts";
import type { Draft } from "./draft.ts";
import { getAt } from "./draft-paths.ts";
import { FOCUSABLE, targetFor } from "./field-errors.ts";
import { isMarked } from "./placeholders.ts";

export type { EditorHint };

function clearHints(root: ParentNode) {
  for (const note of root.querySelectorAll("[data-hint-for]")) {
    const owner = root.querySelector(`[aria-describedby~="${CSS.escape(note.id)}"]`);
    if (owner) {
      const ids = (owner.getAttribute("aria-describedby") ?? "")
        .split(" ")
        .filter((id) => id && id !== note.id);
      if (ids.length) owner.setAttribute("aria-describedby", ids.join(" "));
      else owner.removeAttribute("aria-describedby");
    }
    note.remove();
  }
}

export interface ShowHintsOptions {
  draft: Draft;
  /** "Keep this text" on a stub: its words become the author's own. */
  onKeep(path: string, control: HTMLElement): void;
}

/**
 * Shows `hints` in `root` and updates every count. Returns the element of the first hint in
 * page order (for "go to the first").
 */
export function showHints(
  root: ParentNode,
  hints: EditorHint[],
  opts: ShowHintsOptions,
): HTMLElement | null {
  clearHints(root);
  const placed: HTMLElement[] = [];
  hints.forEach((hint, i) => {
    const el = targetFor(root, hint.path);
    if (!el) return;
    const id = `note-${i}-${(el.id || "module").replace(/^f-/, "")}`;
    const isControl = el.matches("input, textarea, select");
    const keep =
      isControl && isMarked(getAt(opts.draft, hint.path))
        ? button(
            "Keep this text",
            { onclick: () => opts.onKeep(hint.path, el) },
            hidden(` for ${labelOf(el)}`),
          )
        : null;
    const note = h(
      "div",
      {
        class: hint.blocksPublish ? "hint-note" : "hint-note hint-note--advice",
        id,
        "data-hint-for": hint.path,
        "data-rule": hint.rule ?? "placeholder",
      },
      h(
        "p",
        null,
        h("span", { class: "hint-note__tag", text: hint.blocksPublish ? "To do: " : "Hint: " }),
        hint.message,
      ),
      keep,
    );
    if (isControl) el.after(note);
    else {
      const slot = el.querySelector(":scope > .error-slot, :scope > .question-body > .error-slot");
      (slot ?? el).append(note);
    }
    const ids = (el.getAttribute("aria-describedby") ?? "").split(" ").filter(Boolean);
    el.setAttribute("aria-describedby", [...ids, id].join(" "));
    placed.push(el);
  });
  updateCounts(root, hints);
  return placed[0] ?? null;
}

/** The counts on lesson and question summary lines: hints at or under each one's path. */
function updateCounts(root: ParentNode, hints: EditorHint[]) {
  for (const span of root.querySelectorAll<HTMLElement>("[data-hint-count-for]")) {
    const path = span.dataset.hintCountFor ?? "";
    const n = hints.filter((x) => x.path === path || x.path.startsWith(`${path}.`)).length;
    span.textContent = n ? ` · ${countLabel(n, "hint")}` : "";
  }
}

/** The text of the label that names a control. */
function labelOf(el: HTMLElement): string {
  return (el.id && document.querySelector(`label[for="${CSS.escape(el.id)}"]`)?.textContent) || "";
}

/** Unfolds what encloses `el` and focuses it (or the first control inside it). */
export function goTo(el: HTMLElement): HTMLElement {
  reveal(el);
  const target = el.matches(FOCUSABLE) ? el : (el.querySelector<HTMLElement>(FOCUSABLE) ?? el);
  target.focus();
  return target;
}
