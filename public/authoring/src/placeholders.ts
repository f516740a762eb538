// Stub text Rapport writes for authors starts with a mark (PLACEHOLDER_MARK on the server, sent
// in the page data). The editor shows such text without the mark, so the first keystroke in the
// field replaces the stub with the author's own words and the mark disappears with it; until
// then the server lists the field among the hints that block publishing.

let mark = "[placeholder]";

export function setPlaceholderMark(value: unknown) {
  if (typeof value === "string" && value) mark = value;
}

export function isMarked(value: unknown): value is string {
  return typeof value === "string" && value.trimStart().startsWith(mark);
}

/** What a field shows for a stored value: the stub's words without the mark. */
export function shownValue<T>(value: T): T | string {
  return isMarked(value) ? value.trimStart().slice(mark.length).trimStart() : value;
}

/** Stub text for something the author just added: shown as a prompt, blocks publishing. */
export const markNew = (text: string) => `${mark} ${text}`;
