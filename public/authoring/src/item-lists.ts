// One pattern for every editable list (options, items, pairs, statements, bands, reflections…):
// a fieldset with an entry per element, Move up / Move down / Remove per entry and an Add button.
// The buttons change the draft through ctx, which re-renders and puts focus somewhere sensible.
import { button, type Child, group, h, hidden, idFor } from "./dom.ts";
import type { EditorContext } from "./draft.ts";

export interface ItemListSpec<T> {
  path: string;
  title: string;
  items: T[];
  /** What one entry is called: "Option", "Statement". */
  noun: string;
  min?: number;
  max?: number;
  movable?: boolean;
  addLabel: string;
  /** A new entry, for the Add button. */
  make(): T;
  renderItem(item: T, path: string, index: number): Child;
}

export function itemList<T>(ctx: EditorContext, spec: ItemListSpec<T>): HTMLFieldSetElement {
  const { path, title, items, noun, min = 0, max = 99, movable = false } = spec;
  const entries = items.map((item, i) => {
    const itemPath = `${path}.${i}`;
    const label = `${noun} ${i + 1}`;
    const controls = h(
      "div",
      { class: "row-actions" },
      movable
        ? [
            button(
              "Move up",
              {
                id: idFor(itemPath, "up"),
                disabled: i === 0,
                onclick: () => ctx.moveItem(items, i, i - 1, path, label),
              },
              hidden(` ${label}`),
            ),
            button(
              "Move down",
              {
                id: idFor(itemPath, "down"),
                disabled: i === items.length - 1,
                onclick: () => ctx.moveItem(items, i, i + 1, path, label),
              },
              hidden(` ${label}`),
            ),
          ]
        : null,
      button(
        "Remove",
        {
          class: "button button--danger button--small",
          disabled: items.length <= min,
          onclick: () =>
            ctx.structural(() => items.splice(i, 1), {
              focusId: idFor(path, "add"),
              announce: `${label} removed`,
            }),
        },
        hidden(` ${label}`),
      ),
    );
    return h(
      "div",
      { class: "sub-item", id: idFor(itemPath, "item") },
      h("p", { class: "meta", text: label }),
      spec.renderItem(item, itemPath, i),
      controls,
    );
  });
  const add = button(spec.addLabel, {
    id: idFor(path, "add"),
    disabled: items.length >= max,
    onclick: () =>
      ctx.structural(() => items.push(spec.make()), {
        focusFirstIn: idFor(`${path}.${items.length}`, "item"),
        announce: `${noun} ${items.length + 1} added`,
      }),
  });
  return group("fieldset", { path, title, className: "sub-list" }, entries, add);
}
