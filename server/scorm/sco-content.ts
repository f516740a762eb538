// What the server hands the SCO runtime (public/sco/src): the contract between the two. Types
// only, with no imports, so the browser code can share them without pulling the content schema
// (zod, marked, Node) into its type-check. render-bundle.ts builds every question from the schema's
// Question into these shapes field by field, so the server's type-check ties the two together: a
// field the SCO needs that the schema no longer has, or a question type the SCO does not know,
// fails it.

export type ScormTarget = "scorm2004" | "scorm12" | "any";

export interface ScoOption {
  text: string;
  correct: boolean;
  feedback: string;
}

interface QuestionBase {
  id: string;
  prompt: string;
}

export interface SingleQuestion extends QuestionBase {
  type: "single";
  options: ScoOption[];
}

export interface MultipleQuestion extends QuestionBase {
  type: "multiple";
  options: ScoOption[];
}

export interface ScenarioQuestion extends QuestionBase {
  type: "scenario";
  situation: string;
  options: ScoOption[];
}

export interface TrueFalseQuestion extends QuestionBase {
  type: "true-false";
  answer: boolean;
  feedback: { true: string; false: string };
}

export interface OrderingQuestion extends QuestionBase {
  type: "ordering";
  /** In their correct order. */
  items: { text: string; feedback: string }[];
}

export interface MatchingQuestion extends QuestionBase {
  type: "matching";
  pairs: { left: string; right: string; feedback: string }[];
}

export interface LikertQuestion extends QuestionBase {
  type: "likert";
  scale: string[];
  statements: { id: string; text: string }[];
  bands: { min: number; max: number; label: string; text: string }[];
}

export type ScoQuestion =
  | SingleQuestion
  | MultipleQuestion
  | ScenarioQuestion
  | TrueFalseQuestion
  | OrderingQuestion
  | MatchingQuestion
  | LikertQuestion;

export interface ScoLesson {
  id: string;
  title: string;
  minutes: number;
  /** Rendered and sanitised at publish time. */
  html: string;
  checks: ScoQuestion[];
}

export interface ScoReflection {
  id: string;
  prompt: string;
}

/** The runtime's view of a module: Markdown already rendered, fields in a fixed order. */
export interface ScoContent {
  bundleFormat: number;
  version: number;
  target: ScormTarget;
  slug: string;
  title: string;
  summary: string;
  minutes: number;
  passMark: number;
  lessons: ScoLesson[];
  quiz: ScoQuestion[];
  reflections: ScoReflection[];
  worksheet: { title: string; html: string } | null;
  /** Graded quiz question id → the lesson that teaches it (server/review/teaching-lesson.ts, as the daily review links them). */
  teaches: Record<string, string>;
}
