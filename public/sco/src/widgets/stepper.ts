import { button, h } from "../dom.ts";

// One question per screen: "Question 3 of 9" and the buttons that move between them. Used by
// the knowledge checks, the final quiz and its review.

export interface StepperOptions {
  /** Prefix of the buttons' test ids: `${prefix}-prev`, `${prefix}-next`. */
  prefix: string;
  at: number;
  count: number;
  go(step: number): void;
  /** Replaces Next on the last step (the quiz's Submit). */
  last?: HTMLElement | null;
}

export function stepHeading(
  at: number,
  count: number,
  testId: string,
  level: "h2" | "h3" = "h2",
): HTMLElement {
  return h(level, {
    class: "sco-step",
    tabindex: -1,
    "data-testid": testId,
    text: `Question ${at + 1} of ${count}`,
  });
}

export function stepMeter(at: number, count: number): HTMLElement {
  const fill = h("span");
  // Through the CSSOM: the page's style policy allows no style attributes.
  fill.style.width = `${((at + 1) / count) * 100}%`;
  return h("div", { class: "sco-step-meter", "aria-hidden": "true" }, fill);
}

export function stepButtons(opts: StepperOptions): HTMLElement {
  const { at, count, go, prefix } = opts;
  return h(
    "div",
    { class: "sco-step-buttons" },
    at > 0 ? button("Previous question", `${prefix}-prev`, () => go(at - 1)) : h("span"),
    at < count - 1
      ? button("Next question", `${prefix}-next`, () => go(at + 1), true)
      : (opts.last ?? null),
  );
}
