import { markPlaceholder } from "../content/publish-blockers.ts";
import type { ArticleBlock } from "./article-blocks.ts";
import { truncateSlug } from "./module-slugs.ts";

// The questions an imported draft starts with: one knowledge check in each lesson and one quiz
// question per lesson that names the lesson it is about. All of their text is marked as a
// placeholder, so the draft saves and previews at once but cannot be published until an author
// has rewritten (or deliberately kept) every piece.

const STATEMENT_MIN = 20;
const STATEMENT_MAX = 200;
const ID_MAX = 40;

export interface StubLesson {
  id: string;
  title: string;
  blocks: ArticleBlock[];
}

/** Hands out question ids unique within one module. */
export function idAllocator(): (base: string) => string {
  const used = new Set<string>();
  return (base) => {
    const stem = truncateSlug(base, ID_MAX) || "question";
    let id = stem;
    for (let n = 2; used.has(id); n++) id = `${truncateSlug(stem, ID_MAX - `-${n}`.length)}-${n}`;
    used.add(id);
    return id;
  };
}

/**
 * A true-or-false check whose statement is taken from the lesson (a key point, else its first
 * sentence), so the author starts from the lesson's own words rather than a blank.
 */
export function checkStub(lesson: StubLesson, nextId: (base: string) => string) {
  const statement = statementFrom(lesson.blocks);
  return {
    id: nextId(`check-${lesson.id}`),
    type: "true-false" as const,
    prompt: markPlaceholder(
      statement ?? `Write a statement about “${lesson.title}” that is true or false.`,
    ),
    answer: true,
    feedback: {
      true: markPlaceholder("Right. Say why, in the lesson's words."),
      false: markPlaceholder("Not quite. Say what the lesson says instead."),
    },
  };
}

/** A single-choice quiz question that says which lesson it belongs to. */
export function quizStub(lesson: StubLesson, position: number, nextId: (base: string) => string) {
  return {
    id: nextId(`q-${lesson.id}`),
    type: "single" as const,
    prompt: markPlaceholder(
      `About lesson ${position}, “${lesson.title}”: ask what a learner should now know or do.`,
    ),
    options: [
      {
        text: markPlaceholder("The right answer"),
        correct: true,
        feedback: markPlaceholder("Say why it is right."),
      },
      {
        text: markPlaceholder("An answer that is not right"),
        correct: false,
        feedback: markPlaceholder("Say why it is not right."),
      },
    ],
  };
}

function statementFrom(blocks: ArticleBlock[]): string | null {
  for (const b of blocks) {
    if (b.kind === "item" && fits(b.text)) return asStatement(b.text);
  }
  for (const b of blocks) {
    if (b.kind !== "paragraph") continue;
    const sentence = firstSentence(b.text);
    if (sentence && fits(sentence)) return asStatement(sentence);
  }
  return null;
}

const fits = (text: string) =>
  text.length >= STATEMENT_MIN && text.length <= STATEMENT_MAX && !text.trimEnd().endsWith("?");

/** "Partner on joint goals" → "Partner on joint goals." */
function asStatement(text: string): string {
  const t = text.trim().replace(/[:;,]$/, "");
  return /[.!]$/.test(t) ? t : `${t}.`;
}

/** The text up to the first full stop, question or exclamation mark followed by a space. */
function firstSentence(text: string): string | null {
  const limit = Math.min(text.length, STATEMENT_MAX + 1);
  for (let i = 0; i < limit; i++) {
    const c = text[i];
    if ((c === "." || c === "!" || c === "?") && (i + 1 === text.length || text[i + 1] === " ")) {
      return text.slice(0, i + 1);
    }
  }
  return text.length <= STATEMENT_MAX ? text : null;
}
