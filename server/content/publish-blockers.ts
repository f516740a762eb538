// What stops a draft from being published even though it is valid content: text an author has
// not written yet. Stubs that Rapport writes for the author (a new module's template, an
// imported article's questions, a question added in the editor) begin with PLACEHOLDER_MARK, so
// they save and preview like any text but are found here. Drafts made before the mark existed
// are caught by their exact template wording instead.
//
// Hook point: the assessment linter (lintModule / its own publishBlockers) may replace or extend
// this function; publishing and the editor's hints only depend on its signature.

/** A zod-style path into the module content, e.g. ["quiz", 2, "options", 0, "text"]. */
export type ContentPath = (string | number)[];

export interface PublishBlocker {
  path: ContentPath;
  message: string;
}

export const PLACEHOLDER_MARK = "[placeholder]";
export const PLACEHOLDER_MESSAGE =
  "This is placeholder text from Rapport. Rewrite it (or keep it on purpose) before publishing.";

/**
 * Wording of stubs written before PLACEHOLDER_MARK existed; they block publishing too. Stubs
 * written now use other words, so text an author keeps on purpose (the mark removed) is never
 * caught here.
 */
const LEGACY_STUBS = new Set([
  "Describe in a sentence or two what learners will be able to do after this module.",
  "Write the lesson here. Markdown works: **bold**, *italic*, lists and [links](https://example.com).",
  "Write the lesson here.",
  "Write your question here",
  "Write the question here.",
  "The correct answer",
  "A wrong answer",
  "Say why this answer is right.",
  "Say why this answer is wrong.",
  "The correct answer (replace this text)",
  "A wrong answer (replace this text)",
  "Explain why this answer is right.",
  "Explain why this answer is wrong.",
  "Explain why this option is or is not right.",
]);
const LEGACY_PREFIX = /^Write a question about /;

/** Fields that hold names the machine uses, never prose an author writes. */
const SKIPPED_KEYS = new Set(["id", "type", "slug"]);

export function isPlaceholderText(text: string): boolean {
  const trimmed = text.trim();
  return (
    trimmed.startsWith(PLACEHOLDER_MARK) || LEGACY_STUBS.has(trimmed) || LEGACY_PREFIX.test(trimmed)
  );
}

/** `text` marked as a stub the author must rewrite. */
export const markPlaceholder = (text: string): string => `${PLACEHOLDER_MARK} ${text}`;

/** `text` without the placeholder mark (what the editor shows in the field). */
export function unmarkPlaceholder(text: string): string {
  const trimmed = text.trimStart();
  return trimmed.startsWith(PLACEHOLDER_MARK)
    ? trimmed.slice(PLACEHOLDER_MARK.length).trimStart()
    : text;
}

/** Every piece of placeholder text in the content, in document order. */
export function publishBlockers(content: unknown): PublishBlocker[] {
  const found: PublishBlocker[] = [];
  // An explicit stack, not recursion: content is shallow, but nothing here should trust that.
  const stack: { value: unknown; path: ContentPath }[] = [{ value: content, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop() as { value: unknown; path: ContentPath };
    if (typeof value === "string") {
      if (isPlaceholderText(value)) found.push({ path, message: PLACEHOLDER_MESSAGE });
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--)
        stack.push({ value: value[i], path: [...path, i] });
    } else if (value && typeof value === "object") {
      const entries = Object.entries(value).filter(([key]) => !SKIPPED_KEYS.has(key));
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i] as [string, unknown];
        stack.push({ value: child, path: [...path, key] });
      }
    }
  }
  return found;
}
