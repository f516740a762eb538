import type { QuestionOf } from "../content.ts";
import { h } from "../dom.ts";
import { choiceInput, slot, type Widget } from "./widget.ts";

/** One row of scale points per statement; nothing is right or wrong. */
export function buildLikert(q: QuestionOf<"likert">, widget: Widget): HTMLElement {
  if (widget.answer.length !== q.statements.length) {
    widget.answer = "0".repeat(q.statements.length);
  }
  const list = h("div", { class: "sco-likert-list" });
  q.statements.forEach((statement, i) => {
    const choices = q.scale.map((label, p) => {
      const value = String(p + 1);
      const attrs = {
        type: "radio",
        name: `${widget.uid}-${statement.id}`,
        value,
        "data-testid": `q-${q.id}-${statement.id}-${value}`,
        checked: widget.answer[i] === value,
        onchange: () => {
          const points = [...widget.answer];
          points[i] = value;
          widget.change(points.join(""));
        },
      };
      return choiceInput(widget, attrs, label, null);
    });
    list.append(
      h(
        "fieldset",
        { class: "sco-likert-statement" },
        h("legend", { text: statement.text }),
        h("div", { class: "sco-likert-scale" }, choices),
      ),
    );
  });
  list.append(slot(widget, "band"));
  return list;
}
