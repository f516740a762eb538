// Building the page. h() treats attributes, not properties: "class" and "text" are shorthands,
// on* values become listeners, true means an empty attribute, and null, undefined or false leave
// the attribute (or child) out.

export type Attrs = Record<string, unknown>;
export type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs | null,
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "class") el.className = value as string;
    else if (name === "text") el.textContent = value as string;
    else if (name.startsWith("on")) el.addEventListener(name.slice(2), value as EventListener);
    else el.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) el.append(child);
  }
  return el;
}

export function button(
  text: string,
  testId: string,
  onclick: (event: MouseEvent) => void,
  primary?: boolean,
): HTMLButtonElement {
  const cls = primary ? "sco-button sco-button-primary" : "sco-button";
  return h("button", { type: "button", class: cls, "data-testid": testId, text, onclick });
}

export const testId = (text: string): string => text.replace(/[^a-z0-9-]/gi, "-");
