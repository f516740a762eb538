// DOM building blocks for the module editor. Every input carries `data-path`, the content-schema
// path of the value it edits ("lessons.0.markdown"), so one delegated listener can write it back
// and the server's field errors (keyed by the same paths) can find it again.
import { isMarked, shownValue } from "./placeholders.ts";

type Listener = (event: Event) => void;
/** Attributes for h(): null, undefined and false leave one out, true sets it empty. */
export type Attrs = Record<string, string | number | boolean | null | undefined | Listener>;
/** What h() appends: nodes, text, nested lists; null, undefined and false are skipped. */
export type Child = Node | string | null | undefined | false | Child[];

function appendAll(el: Element, children: Child[]) {
  for (const child of children) {
    if (Array.isArray(child)) appendAll(el, child);
    else if (child !== null && child !== undefined && child !== false) el.append(child);
  }
}

/** Creates an element: `text` sets textContent, `on*` adds listeners, false/null skip. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "class") el.className = String(value);
    else if (name === "text") el.textContent = String(value);
    else if (name.startsWith("on") && typeof value === "function")
      el.addEventListener(name.slice(2), value);
    else el.setAttribute(name, value === true ? "" : String(value));
  }
  appendAll(el, children);
  return el;
}

/** The page's element with this id, of the type the script relies on (or an error saying so). */
export function byId<T extends HTMLElement>(id: string, type: abstract new () => T): T {
  const el = document.getElementById(id);
  if (!(el instanceof type)) throw new Error(`This page has no ${type.name} #${id}`);
  return el;
}

/** A stable, CSS-safe element id for a path: "lessons.0.title" → "f-lessons-0-title". */
export const idFor = (path: string, prefix = "f") => `${prefix}-${path.replaceAll(".", "-")}`;

/** Text hidden visually but read by screen readers, e.g. which lesson a "Move up" moves. */
export const hidden = (text: string) => h("span", { class: "visually-hidden", text });

/** How an input's value is read back (draft-paths.ts readInput). */
export type InputKind = "text" | "int" | "number" | "csv" | "bool" | "bool-radio";

export interface FieldSpec {
  label: string;
  path: string;
  /** The stored value; whatever the author last typed may not be of the schema's type yet. */
  value: unknown;
  kind?: InputKind;
  type?: string;
  hint?: string;
  multiline?: boolean;
  rows?: number;
}

/**
 * A labelled text, number or textarea input bound to `path`. `kind` says how the value is read
 * back: text, int, number or csv (a comma-separated list).
 */
export function field({
  label,
  path,
  value,
  kind = "text",
  type = "text",
  hint,
  multiline,
  rows,
}: FieldSpec): HTMLDivElement {
  const id = idFor(path);
  const hintEl = hint ? h("p", { class: "hint", id: `${id}-hint`, text: hint }) : null;
  const attrs: Attrs = {
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
    kind === "csv" && Array.isArray(value) ? value.join(", ") : String(shownValue(value) ?? "");
  return h(
    "div",
    { class: isMarked(value) ? "field field--placeholder" : "field" },
    h("label", { for: id, text: label }),
    hintEl,
    control,
  );
}

/** A checkbox bound to a boolean at `path`. */
export function checkbox({
  label,
  path,
  checked,
}: {
  label: string;
  path: string;
  checked: unknown;
}) {
  const id = idFor(path);
  const box = h("input", { id, type: "checkbox", "data-path": path, "data-kind": "bool" });
  box.checked = checked === true;
  return h("div", { class: "field field--check" }, box, h("label", { for: id, text: label }));
}

export interface GroupSpec {
  path: string;
  title?: string;
  titleTag?: "legend" | "h2" | "h3" | "h4";
  className?: string;
}

/**
 * A group that can carry an error about itself (e.g. "needs exactly one correct option"): its
 * `data-path` is the group's path, and errors are placed in its slot, right under the legend.
 */
export function group<K extends "section" | "fieldset">(
  tag: K,
  { path, title, titleTag = "legend", className }: GroupSpec,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const slot = h("div", { class: "error-slot" });
  const heading = title ? h(titleTag, { text: title }) : null;
  return h(tag, { class: className, "data-path": path, "data-group": "" }, heading, slot, children);
}

export function button(text: string, attrs?: Attrs | null, ...extra: Child[]): HTMLButtonElement {
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
export function reveal(el: Element) {
  for (let d = el.closest("details"); d; d = d.parentElement?.closest("details") ?? null)
    d.open = true;
  for (
    let c = el.closest<HTMLElement>("[data-collapsible]");
    c;
    c = c.parentElement?.closest<HTMLElement>("[data-collapsible]") ?? null
  ) {
    if (c.hidden) c.dispatchEvent(new CustomEvent("reveal"));
  }
}

/** "1 hint", "3 hints"; "" for none. */
export const countLabel = (n: number, noun: string) =>
  n === 0 ? "" : `${n} ${noun}${n === 1 ? "" : "s"}`;
