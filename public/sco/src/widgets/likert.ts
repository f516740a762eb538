import type { QuestionOf } from "../content.ts";
import { h } from "../dom.ts";
import { slot, type Widget } from "./widget.ts";

/**
 * One compact scale per statement: a segmented control of the points 1…n, the scale's words
 * named once above the statements (and in each point's accessible name). Nothing is right or
 * wrong; the profile shows in the "band" slot.
 */
export function buildLikert(q: QuestionOf<"likert">, widget: Widget): HTMLElement {
  if (widget.answer.length !== q.statements.length) {
    widget.answer = "0".repeat(q.statements.length);
  }
  const first = q.scale[0] ?? "";
  const last = q.scale[q.scale.length - 1] ?? "";
  const list = h(
    "div",
    { class: "sco-likert-list" },
    h(
      "p",
      { class: "sco-likert-key", "aria-hidden": "true" },
      h("span", { text: `1 = ${first}` }),
      h("span", { text: `${q.scale.length} = ${last}` }),
    ),
  );
  q.statements.forEach((statement, i) => {
    const points = q.scale.map((label, p) => {
      const value = String(p + 1);
      const input = h("input", {
        type: "radio",
        id: `${widget.uid}-${statement.id}-${value}`,
        name: `${widget.uid}-${statement.id}`,
        value,
        "data-testid": `q-${q.id}-${statement.id}-${value}`,
        checked: widget.answer[i] === value,
        onchange: () => {
          const chosen = [...widget.answer];
          chosen[i] = value;
          widget.change(chosen.join(""));
        },
      });
      widget.focusTarget ??= input;
      return h(
        "div",
        { class: "sco-segment" },
        input,
        h(
          "label",
          { for: input.id },
          h("span", { "aria-hidden": "true", text: value }),
          h("span", {
            class: "sco-visually-hidden",
            text: `${label} (${value} of ${q.scale.length})`,
          }),
        ),
      );
    });
    list.append(
      h(
        "fieldset",
        { class: "sco-likert-statement" },
        h("legend", { text: statement.text }),
        h("div", { class: "sco-segments" }, points),
      ),
    );
  });
  list.append(slot(widget, "band"));
  return list;
}
