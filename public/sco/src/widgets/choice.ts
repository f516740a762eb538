import { letterAt } from "../answers.ts";
import type { QuestionOf } from "../content.ts";
import { h } from "../dom.ts";
import { choiceInput, slot, type Widget } from "./widget.ts";

export type ChoiceQuestion = QuestionOf<"single" | "multiple" | "scenario" | "true-false">;

/** Radio buttons (checkboxes for multiple choice); true-false is a choice of two. */
export function buildChoice(q: ChoiceQuestion, widget: Widget): HTMLElement {
  const tf = q.type === "true-false";
  const options = tf ? [{ text: "True" }, { text: "False" }] : q.options;
  const list = h("div", { class: tf ? "sco-options sco-options-row" : "sco-options" });
  options.forEach((option, i) => {
    const value = tf ? "tf".charAt(i) : letterAt(i);
    const attrs = {
      type: q.type === "multiple" ? "checkbox" : "radio",
      name: widget.uid,
      value,
      "data-testid": `q-${q.id}-${value}`,
      checked: widget.answer.includes(value),
      onchange: () => {
        const chosen = [...list.querySelectorAll<HTMLInputElement>("input:checked")].map(
          (el) => el.value,
        );
        widget.change(chosen.sort().join(""));
      },
    };
    list.append(choiceInput(widget, attrs, option.text, tf ? null : slot(widget, value)));
  });
  if (tf) list.append(slot(widget, "tf"));
  return list;
}
