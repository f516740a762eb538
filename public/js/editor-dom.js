// DOM building blocks for the module editor. Every input carries `data-path`, the content-schema
// path of the value it edits ("lessons.0.markdown"), so one delegated listener can write it back
// and the server's field errors (keyed by the same paths) can find it again.
import { isMarked, shownValue } from "./editor-placeholders.js";

/** Creates an element: `text` sets textContent, `on*` adds listeners, false/null skip. */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "class") el.className = value;
    else if (name === "text") el.textContent = value;
    else if (name.startsWith("on")) el.addEventListener(name.slice(2), value);
    else el.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat(Number.POSITIVE_INFINITY)) {
    if (child !== null && child !== undefined && child !== false) el.append(child);
  }
  return el;
}

/** A stable, CSS-safe element id for a path: "lessons.0.title" → "f-lessons-0-title". */
export const idFor = (path, prefix = "f") => `${prefix}-${path.replaceAll(".", "-")}`;

/** Text hidden visually but read by screen readers, e.g. which lesson a "Move up" moves. */
export const hidden = (text) => h("span", { class: "visually-hidden", text });

/**
 * A labelled text, number or textarea input bound to `path`. `kind` says how the value is read
 * back: text, int, number or csv (a comma-separated list).
 */
export function field({ label, path, value, kind = "text", type = "text", hint, multiline, rows }) {
  const id = idFor(path);
  const hintEl = hint ? h("p", { class: "hint", id: `${id}-hint`, text: hint }) : null;
  const attrs = {
    id,
    "data-path": path,
    "data-kind": kind,
    "aria-describedby": hintEl ? hintEl.id : null,
  };
  const control = multiline
    ? h("textarea", { ...attrs, rows: rows ?? 3 })
    : h("input", {
        ...attrs,
        type,
        inputmode: kind === "int" ? "numeric" : kind === "number" ? "decimal" : null,
        step: kind === "number" ? "any" : null,
      });
  control.value =
    kind === "csv" && Array.isArray(value) ? value.join(", ") : (shownValue(value) ?? "");
  return h(
    "div",
    { class: isMarked(value) ? "field field--placeholder" : "field" },
    h("label", { for: id, text: label }),
    hintEl,
    control,
  );
}

/** A checkbox bound to a boolean at `path`. */
export function checkbox({ label, path, checked }) {
  const id = idFor(path);
  const box = h("input", { id, type: "checkbox", "data-path": path, "data-kind": "bool" });
  box.checked = checked === true;
  return h("div", { class: "field field--check" }, box, h("label", { for: id, text: label }));
}

/**
 * A group that can carry an error about itself (e.g. "needs exactly one correct option"): its
 * `data-path` is the group's path, and errors are placed in its slot, right under the legend.
 */
export function group(tag, { path, title, titleTag = "legend", className }, ...children) {
  const slot = h("div", { class: "error-slot" });
  const heading = title ? h(titleTag, { text: title }) : null;
  return h(tag, { class: className, "data-path": path, "data-group": "" }, heading, slot, children);
}

export function button(text, attrs, ...extra) {
  return h(
    "button",
    { type: "button", class: "button button--secondary button--small", ...attrs },
    text,
    ...extra,
  );
}

/**
 * Makes `el` visible: unfolds every question panel around it and asks every collapsed lesson
 * around it to expand (they listen for "reveal", as expanding also starts their preview).
 */
export function reveal(el) {
  for (let d = el.closest("details"); d; d = d.parentElement?.closest("details")) d.open = true;
  for (
    let c = el.closest("[data-collapsible]");
    c;
    c = c.parentElement?.closest("[data-collapsible]")
  ) {
    if (c.hidden) c.dispatchEvent(new CustomEvent("reveal"));
  }
}

/** "1 hint", "3 hints"; "" for none. */
export const countLabel = (n, noun) => (n === 0 ? "" : `${n} ${noun}${n === 1 ? "" : "s"}`);
