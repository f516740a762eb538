import type {
  ScoQuestion as Question,
  ScoContent,
  ScoLesson,
} from "../../../server/scorm/sco-content.ts";

// The module this SCO plays, as the server rendered it into index.html. The types are the
// server's own (server/scorm/sco-content.ts), so a change to the content shape fails this code's
// type-check too.

export type { Question, ScoContent, ScoLesson };
export type QuestionOf<T extends Question["type"]> = Extract<Question, { type: T }>;

function readContent(): ScoContent {
  const block = document.getElementById("sco-content");
  return JSON.parse(block?.textContent ?? "{}");
}

export const content = readContent();
