import { correctAnswer, LETTERS, shuffledLetters, swap } from "../answers.ts";
import type { QuestionOf } from "../content.ts";
import { h } from "../dom.ts";
import { itemAt } from "../item-at.ts";
import { slot, type Widget, type WidgetOptions } from "./widget.ts";

type OrderingQuestion = QuestionOf<"ordering">;
type Item = OrderingQuestion["items"][number];

/** A list the learner rearranges with Move up and Move down buttons. */
export function buildOrdering(
  q: OrderingQuestion,
  widget: Widget,
  opts: WidgetOptions,
): HTMLElement {
  const letters = [...widget.answer].sort().join("");
  if (widget.answer.length !== q.items.length || letters !== correctAnswer(q)) {
    widget.answer = shuffledLetters(q.items.length, `${q.id}:${opts.seed ?? 0}`);
  }
  const list = h("ol", { class: "sco-ordering-list" });
  const status = h("p", { class: "sco-visually-hidden", "aria-live": "polite" });
  const move = (letter: string, delta: number) => {
    const order = [...widget.answer];
    const from = order.indexOf(letter);
    const to = from + delta;
    swap(order, from, to);
    widget.change(order.join(""));
    render();
    // Keep focus on the moved item; at either end, its other button takes over.
    const buttons = list.querySelectorAll<HTMLButtonElement>(`[data-letter="${letter}"]`);
    const same = buttons[delta < 0 ? 0 : 1] as HTMLButtonElement;
    (same.disabled ? (buttons[delta < 0 ? 1 : 0] as HTMLButtonElement) : same).focus();
    const text = itemAt(q.items, LETTERS.indexOf(letter)).text;
    status.textContent = `${text}: now position ${to + 1} of ${order.length}.`;
  };
  const moveButton = (item: Item, letter: string, delta: number, disabled: boolean) => {
    const word = delta < 0 ? "up" : "down";
    return h("button", {
      type: "button",
      class: "sco-button sco-button-small",
      "aria-label": `Move ${word}: ${item.text}`,
      "data-testid": `q-${q.id}-${word}-${letter}`,
      "data-letter": letter,
      disabled,
      onclick: () => move(letter, delta),
      text: delta < 0 ? "↑ Up" : "↓ Down",
    });
  };
  const render = () => {
    const order = [...widget.answer];
    list.replaceChildren(
      ...order.map((letter, position) => {
        const item = itemAt(q.items, LETTERS.indexOf(letter));
        return h(
          "li",
          { class: "sco-ordering-item", "data-testid": `q-${q.id}-item-${letter}` },
          h("span", { class: "sco-ordering-text", text: item.text }),
          // Once the quiz is submitted the arrangement is final, so the buttons go.
          widget.locked
            ? null
            : h(
                "span",
                { class: "sco-ordering-buttons" },
                moveButton(item, letter, -1, position === 0),
                moveButton(item, letter, 1, position === order.length - 1),
              ),
          slot(widget, letter),
        );
      }),
    );
    widget.focusTarget = list.querySelector("button:not([disabled])");
  };
  widget.rerender = render;
  render();
  return h("div", {}, list, status);
}
