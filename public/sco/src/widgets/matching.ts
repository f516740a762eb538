import { letterAt } from "../answers.ts";
import type { QuestionOf } from "../content.ts";
import { h } from "../dom.ts";
import { slot, type Widget } from "./widget.ts";

/** One drop-down per left-hand item, offering every right-hand item. */
export function buildMatching(q: QuestionOf<"matching">, widget: Widget): HTMLElement {
  if (widget.answer.length !== q.pairs.length) widget.answer = "-".repeat(q.pairs.length);
  // Right-hand items listed alphabetically, so their order gives nothing away.
  const rights = q.pairs.map((p, i) => ({ letter: letterAt(i), text: p.right }));
  rights.sort((a, b) => a.text.localeCompare(b.text, "en"));
  const list = h("div", { class: "sco-matching-list" });
  q.pairs.forEach((pair, i) => {
    const choose = (event: Event) => {
      const letters = [...widget.answer];
      letters[i] = (event.target as HTMLSelectElement).value || "-";
      widget.change(letters.join(""));
    };
    const id = `${widget.uid}-match-${i + 1}`;
    const select = h(
      "select",
      { id, "data-testid": `q-${q.id}-match-${i + 1}`, onchange: choose },
      h("option", { value: "", text: "Choose a match…" }),
      rights.map((r) =>
        h("option", { value: r.letter, text: r.text, selected: widget.answer[i] === r.letter }),
      ),
    );
    widget.focusTarget ??= select;
    const label = h("label", { for: id, text: pair.left });
    list.append(h("div", { class: "sco-matching-row" }, label, select, slot(widget, i)));
  });
  return list;
}
