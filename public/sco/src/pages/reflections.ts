import { content } from "../content.ts";
import { h } from "../dom.ts";
import { itemAt } from "../item-at.ts";
import { commit, saveSuspend } from "../save.ts";
import { hasSaveProblem } from "../save-notice.ts";
import { lms, session, state } from "../state.ts";
import { REFLECTION_MAX } from "../suspend-data.ts";

let reflectionTimer = 0;

/** Saves typing that is still waiting for its pause. */
export function flushReflections(): void {
  if (!reflectionTimer) return;
  clearTimeout(reflectionTimer);
  reflectionTimer = 0;
  saveSuspend();
  commit();
}

export function renderReflections(): HTMLElement[] {
  const status = h("p", { class: "sco-save-status", "aria-live": "polite" });
  const fields = content.reflections.map((r) => {
    const id = `reflection-${r.id}`;
    return h(
      "div",
      { class: "sco-reflection" },
      h("label", { for: id, text: r.prompt }),
      h("textarea", {
        id,
        rows: 5,
        maxlength: REFLECTION_MAX,
        "data-testid": id,
        oninput: (event: Event) => {
          state.reflections[r.id] = (event.target as HTMLTextAreaElement).value;
          clearTimeout(reflectionTimer);
          reflectionTimer = setTimeout(() => {
            flushReflections();
            status.textContent = savedMessage();
          }, 800);
        },
        onchange: () => {
          flushReflections();
          status.textContent = savedMessage();
        },
      }),
    );
  });
  // Textarea values are set after creation: the DOM helper treats attributes, not properties.
  fields.forEach((field, i) => {
    const textarea = field.querySelector("textarea") as HTMLTextAreaElement;
    textarea.value = state.reflections[itemAt(content.reflections, i).id] ?? "";
  });
  return [
    h("p", {
      text: "These prompts are for you. Your answers are kept with your progress so you can come back to them.",
    }),
    ...fields,
    status,
  ];
}

function savedMessage(): string {
  if (!lms) return "Preview: reflections are not being saved.";
  if (hasSaveProblem()) return "Not saved yet: see the notice above.";
  if (session.shortened.length) {
    return "Saved. This learning system keeps only a little text: see the note above on what was shortened.";
  }
  return "Saved.";
}
