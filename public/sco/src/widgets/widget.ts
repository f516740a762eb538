import type { Question } from "../content.ts";
import { type Attrs, type Child, h } from "../dom.ts";

// A widget renders one question and keeps its answer string; the lesson and quiz pages decide
// when to grade, record and show feedback.

export interface Widget<Q extends Question = Question> {
  q: Q;
  /** Unique in the page: the prefix ("check" or "quiz") and the question id. */
  uid: string;
  answer: string;
  /** Feedback paragraphs by option letter, item letter, pair index, "tf" or "band". */
  slots: Record<string, HTMLElement>;
  /** What to focus when the question still needs an answer. */
  focusTarget: HTMLElement | null;
  change(answer: string): void;
  summary: HTMLElement;
  root: HTMLElement;
  locked?: boolean;
  rerender?: () => void;
}

export interface WidgetOptions {
  prefix: string;
  answer?: string | undefined;
  /** Announce the summary as it changes (the lesson checks). */
  live?: boolean;
  /** Varies the ordering shuffle from one quiz attempt to the next. */
  seed?: number;
  onChange?: (answer: string) => void;
}

/** The feedback paragraph for one option or item, created once and reused across re-renders. */
export function slot(widget: Widget, key: string | number): HTMLElement {
  widget.slots[key] ??= h("p", { class: "sco-item-feedback", hidden: true });
  return widget.slots[key];
}

export function choiceInput(
  widget: Widget,
  attrs: Attrs & { name: string; value: string },
  label: string,
  extra: Child,
): HTMLElement {
  const input = h("input", { ...attrs, id: `${attrs.name}-${attrs.value}` });
  widget.focusTarget ??= input;
  return h(
    "div",
    { class: "sco-option" },
    input,
    h("label", { for: input.id, text: label }),
    extra,
  );
}
