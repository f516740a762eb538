import type { Question } from "../content/module-schema.ts";

// What the server hands the SCO runtime: types only, so the browser code (public/sco/src) can
// import them without pulling any server code or Node types into its type-check.

export type ScormTarget = "scorm2004" | "scorm12" | "any";

export interface ScoLesson {
  id: string;
  title: string;
  minutes: number;
  html: string;
  checks: Question[];
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
  quiz: Question[];
  reflections: ScoReflection[];
  worksheet: { title: string; html: string } | null;
}
