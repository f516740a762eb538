import type { QuestionType } from "./content-types.ts";

/** Each question type as authors read it: in the editor's panels and in version diffs. */
export const QUESTION_TYPE_NAMES: Record<QuestionType, string> = {
  single: "Single choice",
  multiple: "Multiple choice",
  "true-false": "True or false",
  ordering: "Ordering",
  matching: "Matching",
  scenario: "Scenario",
  likert: "Likert self-assessment",
};
