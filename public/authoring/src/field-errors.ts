// Puts the server's field errors next to the fields they are about. The server keys each message
// by its content-schema path ("quiz.2.options.1.feedback"); the editor's inputs and groups carry
// the same path in data-path. A path with no element of its own ("topics.3", or a whole
// question) goes to its nearest ancestor that has one, so no message is ever dropped.
import { h, reveal } from "./dom.ts";

export const FOCUSABLE = "input:not([type=hidden]), textarea, select, summary, button";

export function targetFor(root: ParentNode, path: string): HTMLElement | null {
  const parts = path.split(".");
  while (parts.length > 0) {
    const el = root.querySelector<HTMLElement>(`[data-path="${CSS.escape(parts.join("."))}"]`);
    if (el) return el;
    parts.pop();
  }
  return root.querySelector<HTMLElement>('[data-path=""]');
}

/** Where the message goes and which element it describes. */
function placement(el: HTMLElement) {
  if (el.hasAttribute("data-group")) {
    const slot = el.querySelector(":scope > .error-slot, :scope > .question-body > .error-slot");
    return { slot, fieldBox: null, described: el };
  }
  // A radio button maps to its fieldset (the whole answer), any other input to its .field box.
  const fieldBox = el.closest(".field");
  return { slot: null, fieldBox, described: el };
}

export function clearErrors(root: ParentNode, summary: HTMLElement) {
  for (const p of root.querySelectorAll("[data-error-for]")) p.remove();
  for (const el of root.querySelectorAll("[aria-invalid]")) {
    el.removeAttribute("aria-invalid");
    const ids = (el.getAttribute("aria-describedby") ?? "")
      .split(" ")
      .filter((id) => !id.endsWith("-error"));
    if (ids.length) el.setAttribute("aria-describedby", ids.join(" "));
    else el.removeAttribute("aria-describedby");
  }
  for (const box of root.querySelectorAll(".field--error")) box.classList.remove("field--error");
  summary.hidden = true;
  summary.replaceChildren();
}

/**
 * Shows every message and returns the element to focus: the first problem in page order.
 * Messages whose path matches nothing at all are listed in `summary`.
 */
export function showErrors(
  root: ParentNode,
  summary: HTMLElement,
  fields: Record<string, string> | undefined,
  fallbackMessage: string | undefined,
): HTMLElement | null {
  clearErrors(root, summary);
  const placed = new Map<HTMLElement, HTMLParagraphElement>();
  const unplaced: string[] = [];
  for (const [path, message] of Object.entries(fields ?? {})) {
    const el = targetFor(root, path);
    if (!el) {
      unplaced.push(message);
      continue;
    }
    const existing = placed.get(el);
    if (existing) {
      existing.textContent += ` ${message}`;
      continue;
    }
    const id = `${el.id || `err-${placed.size}`}-error`;
    const p = h(
      "p",
      { class: "error", id, "data-error-for": path },
      h("span", { class: "visually-hidden", text: "Error: " }),
    );
    p.append(message);
    placed.set(el, p);
    const { slot, fieldBox, described } = placement(el);
    if (slot) slot.append(p);
    else if (fieldBox) {
      fieldBox.classList.add("field--error");
      fieldBox.insertBefore(p, fieldBox.querySelector("input, textarea, select"));
    } else el.before(p);
    described.setAttribute("aria-invalid", "true");
    const ids = (described.getAttribute("aria-describedby") ?? "").split(" ").filter(Boolean);
    described.setAttribute("aria-describedby", [...ids, id].join(" "));
    // A problem inside a folded question or lesson would be invisible: unfold what encloses it.
    reveal(el);
  }
  if (unplaced.length || (placed.size === 0 && fallbackMessage)) {
    summary.append(
      h("h2", { text: "The module was not saved" }),
      h(
        "ul",
        null,
        [...unplaced, ...(placed.size === 0 ? [fallbackMessage] : [])].map((m) =>
          h("li", { text: m }),
        ),
      ),
    );
    summary.hidden = false;
  }
  const first = [...placed.keys()].sort((a, b) =>
    a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1,
  )[0];
  if (!first) return summary.hidden ? null : summary;
  if (first.matches(FOCUSABLE)) return first;
  return first.querySelector<HTMLElement>(FOCUSABLE) ?? first;
}
