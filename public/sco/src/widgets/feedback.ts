import { isCorrect, LETTERS, letterAt, likertAverage, likertBand } from "../answers.ts";
import { h } from "../dom.ts";
import { itemAt } from "../item-at.ts";
import type { Widget } from "./widget.ts";

// Feedback under each option or item, and a one-line summary under the question.

function mark(el: HTMLElement, ok: boolean, text: string): void {
  el.hidden = false;
  el.replaceChildren(h("strong", { text: ok ? "✓ " : "✗ " }), text);
  el.className = `sco-item-feedback ${ok ? "is-correct" : "is-wrong"}`;
}

export function showFeedback(widget: Widget): void {
  const { q, answer, slots } = widget;
  const slotAt = (key: string | number) => slots[key] as HTMLElement;
  if (q.type === "likert") {
    const band = likertBand(q, answer);
    const average = likertAverage(answer).toFixed(1);
    slotAt("band").hidden = false;
    slotAt("band").replaceChildren(
      h("strong", { text: `Your profile: ${band.label}. ` }),
      `${band.text} (Average ${average} on a scale of 1 to ${q.scale.length}.)`,
    );
    widget.summary.textContent = `Your profile: ${band.label}.`;
    return;
  }
  const ok = isCorrect(q, answer);
  widget.root.classList.add(ok ? "is-correct" : "is-wrong");
  widget.summary.textContent = ok
    ? "Correct."
    : "Not quite. The feedback under each answer explains why.";
  if ("options" in q) {
    q.options.forEach((option, i) => {
      const chosen = answer.includes(letterAt(i));
      const verdict = chosen ? "Your choice is " : "This is ";
      const judged = `${verdict}${option.correct ? "" : "not "}correct. `;
      mark(slotAt(letterAt(i)), option.correct, `${judged}${option.feedback}`);
    });
  } else if (q.type === "true-false") {
    const said = answer === "t";
    const truth = `The statement is ${q.answer ? "true" : "false"}. `;
    mark(
      slotAt("tf"),
      said === q.answer,
      `${truth}${q.feedback[String(said) as "true" | "false"]}`,
    );
  } else if (q.type === "ordering") {
    [...answer].forEach((letter, position) => {
      const right = LETTERS.indexOf(letter);
      const where =
        right === position ? "In the right place. " : `Belongs at position ${right + 1}. `;
      mark(slotAt(letter), right === position, `${where}${itemAt(q.items, right).feedback}`);
    });
  } else {
    q.pairs.forEach((pair, i) => {
      const match = answer[i] === letterAt(i);
      const verdict = match ? "Correct match. " : `The match is: ${pair.right}. `;
      mark(slotAt(i), match, `${verdict}${pair.feedback}`);
    });
  }
}

export function clearFeedback(widget: Widget): void {
  for (const el of Object.values(widget.slots)) {
    el.hidden = true;
    el.textContent = "";
  }
  widget.summary.textContent = "";
  widget.root.classList.remove("is-correct", "is-wrong");
}
