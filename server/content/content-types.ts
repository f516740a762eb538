// A module's content as plain types, with no imports, so browser code (the module editor in
// public/authoring/src) can share them without pulling the schema's zod, marked and Node into its
// type-check. module-schema.ts checks that these are exactly what it reads, so a change to the
// schema fails the server's type-check until these follow it.

export const QUESTION_TYPES = [
  "single",
  "multiple",
  "true-false",
  "ordering",
  "matching",
  "scenario",
  "likert",
] as const;

export type QuestionType = (typeof QUESTION_TYPES)[number];

export interface ContentOption {
  text: string;
  correct: boolean;
  feedback: string;
}

interface QuestionBase {
  id: string;
  prompt: string;
}

export interface ChoiceQuestion<T extends "single" | "multiple"> extends QuestionBase {
  type: T;
  options: ContentOption[];
}

export interface TrueFalseQuestion extends QuestionBase {
  type: "true-false";
  answer: boolean;
  feedback: { true: string; false: string };
}

export interface OrderingQuestion extends QuestionBase {
  type: "ordering";
  items: { text: string; feedback: string }[];
}

export interface MatchingQuestion extends QuestionBase {
  type: "matching";
  pairs: { left: string; right: string; feedback: string }[];
}

export interface ScenarioQuestion extends QuestionBase {
  type: "scenario";
  situation: string;
  options: ContentOption[];
}

export interface LikertQuestion extends QuestionBase {
  type: "likert";
  scale: string[];
  statements: { id: string; text: string }[];
  bands: { min: number; max: number; label: string; text: string }[];
}

export type ContentQuestion =
  | ChoiceQuestion<"single">
  | ChoiceQuestion<"multiple">
  | TrueFalseQuestion
  | OrderingQuestion
  | MatchingQuestion
  | ScenarioQuestion
  | LikertQuestion;

export interface ContentLesson {
  id: string;
  title: string;
  minutes: number;
  markdown: string;
  checks: ContentQuestion[];
}

export interface ContentModule {
  slug: string;
  title: string;
  summary: string;
  topics: string[];
  minutes: number;
  passMark: number;
  lessons: ContentLesson[];
  quiz: ContentQuestion[];
  reflections: { id: string; prompt: string }[];
  worksheet?: { title: string; markdown: string };
}
