// New questions start filled with valid stub text marked as placeholders, so adding one never
// blocks saving the rest of the module, but the stubs must be rewritten before publishing.
import type { Question, QuestionOf } from "./draft.ts";
import { markNew as m } from "./placeholders.ts";

type ChoiceOption = QuestionOf<"single">["options"][number];

/** Option `n` of a choice question, as stub text. */
export const newOption = (n: number, correct: boolean): ChoiceOption => ({
  text: m(`Option ${n}`),
  correct,
  feedback: m("Say why this option is, or is not, right."),
});

/** A valid question of `type` (single choice for a type it does not know), its text marked. */
export function newQuestion(type: string, id: string): Question {
  const prompt = m("Write the question.");
  switch (type) {
    case "multiple":
      return {
        id,
        type: "multiple",
        prompt,
        options: [newOption(1, true), newOption(2, true), newOption(3, false)],
      };
    case "true-false":
      return {
        id,
        type: "true-false",
        prompt: m("Write a statement that is true or false."),
        answer: true,
        feedback: { true: m("Feedback for True."), false: m("Feedback for False.") },
      };
    case "ordering":
      return {
        id,
        type: "ordering",
        prompt: m("Put these steps in order."),
        items: [1, 2, 3].map((n) => ({
          text: m(`Step ${n}`),
          feedback: m(`Why step ${n} is here.`),
        })),
      };
    case "matching":
      return {
        id,
        type: "matching",
        prompt: m("Match each item to its partner."),
        pairs: [1, 2].map((n) => ({
          left: m(`Item ${n}`),
          right: m(`Match ${n}`),
          feedback: m("Why these belong together."),
        })),
      };
    case "scenario":
      return {
        id,
        type: "scenario",
        prompt: m("What would you do?"),
        situation: m("Describe the situation the learner faces."),
        options: [newOption(1, true), newOption(2, false)],
      };
    case "likert":
      return {
        id,
        type: "likert",
        prompt: m("How often do you do this?"),
        scale: ["Rarely", "Sometimes", "Often"],
        statements: [
          { id: "s-1", text: m("First statement.") },
          { id: "s-2", text: m("Second statement.") },
        ],
        bands: [
          { min: 1, max: 2, label: "Growing", text: m("What this profile means.") },
          { min: 2, max: 3, label: "Strong", text: m("What this profile means.") },
        ],
      };
    default:
      return { id, type: "single", prompt, options: [newOption(1, true), newOption(2, false)] };
  }
}
