import type { Question } from "../content.ts";
import { h } from "../dom.ts";
import { buildChoice } from "./choice.ts";
import { clearFeedback } from "./feedback.ts";
import { buildLikert } from "./likert.ts";
import { buildMatching } from "./matching.ts";
import { buildOrdering } from "./ordering.ts";
import type { Widget, WidgetOptions } from "./widget.ts";

const HINTS: Partial<Record<Question["type"], string>> = {
  multiple: "Choose all that apply.",
  ordering: "Put the items in order with the Move up and Move down buttons.",
  matching: "Choose the match for each item.",
};

function buildBody(q: Question, widget: Widget, opts: WidgetOptions): HTMLElement {
  switch (q.type) {
    case "single":
    case "scenario":
    case "multiple":
    case "true-false":
      return buildChoice(q, widget);
    case "ordering":
      return buildOrdering(q, widget, opts);
    case "matching":
      return buildMatching(q, widget);
    case "likert":
      return buildLikert(q, widget);
  }
}

/** One question: its prompt, hint, answer controls and feedback, wired to the answer string. */
export function createQuestion(q: Question, opts: WidgetOptions): Widget {
  const uid = `${opts.prefix}-${q.id}`;
  // summary and root are filled in below, once the body built from this widget exists.
  const widget = { q, uid, answer: opts.answer ?? "", slots: {}, focusTarget: null } as Omit<
    Widget,
    "change" | "summary" | "root"
  > as Widget;
  widget.change = (answer) => {
    widget.answer = answer;
    clearFeedback(widget);
    opts.onChange?.(answer);
  };
  const body = buildBody(q, widget, opts);
  const situation =
    q.type === "scenario"
      ? h("p", { class: "sco-situation", id: `${uid}-situation`, text: q.situation })
      : null;
  widget.summary = h("div", {
    class: "sco-summary",
    "data-testid": `feedback-${q.id}`,
    "aria-live": opts.live ? "polite" : null,
  });
  widget.root = h(
    "div",
    { class: `sco-question sco-${q.type}`, "data-testid": `q-${q.id}` },
    situation,
    h(
      "fieldset",
      { class: "sco-fieldset", "aria-describedby": situation?.id },
      h("legend", { class: "sco-prompt", text: q.prompt }),
      HINTS[q.type] ? h("p", { class: "sco-hint", text: HINTS[q.type] }) : null,
      body,
    ),
    widget.summary,
  );
  return widget;
}

/** After the quiz is submitted: the answers stay in view and can no longer change. */
export function lockQuestion(widget: Widget): void {
  widget.locked = true;
  widget.rerender?.();
  for (const el of widget.root.querySelectorAll<
    HTMLInputElement | HTMLSelectElement | HTMLButtonElement
  >("input, select, button"))
    el.disabled = true;
}
