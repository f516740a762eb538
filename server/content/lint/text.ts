// Plain-text helpers the assessment rules share. No imports, no Node APIs: the linter runs in the
// editor's browser as well as in courses:check and before publishing.

/** Lowercase words, with curly apostrophes made straight ("don't", "team's"). */
export function words(text: string): string[] {
  const found = text
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .match(/[\p{L}\p{N}]+(?:'[\p{L}]+)*/gu);
  return found ?? [];
}

/** The words of a text as written (case kept), for rules that care whether a word is emphasised. */
export function writtenWords(text: string): string[] {
  return text.replace(/[’‘]/g, "'").match(/[\p{L}\p{N}]+(?:'[\p{L}]+)*/gu) ?? [];
}

/** Lesson Markdown as the words a learner reads: no marks, link targets, code fences or HTML. */
export function markdownText(md: string): string {
  return md
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/<[^>]*>/g, " ")
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[*_`~#>|]/g, " ");
}

const STOPWORDS = new Set(
  (
    "a an the and or but if so of to in on at by for with from into about as than then that this " +
    "these those it its it's is are was were be been being do does did done have has had having " +
    "i me my we us our you your yours he him his she her they them their what which who whom " +
    "when where why how all any both each more most other some such no nor not only own same too " +
    "very can will just should would could may might must shall also up out over again there " +
    "here one two get gets got make makes let lets say says said put way thing things well"
  ).split(" "),
);

/** A crude stem, enough to treat "promise", "promises" and "promised" as one word. */
export function stem(word: string): string {
  let w = word.replace(/'s$/, "");
  for (const suffix of ["ing", "edly", "ed", "ly", "es", "s"]) {
    if (w.length > suffix.length + 3 && w.endsWith(suffix)) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  return w.replace(/e$/, "");
}

/** The stems of a text's words that carry meaning (no stopwords). */
export function contentStems(text: string): Set<string> {
  return new Set(
    words(text)
      .filter((w) => !STOPWORDS.has(w) && w.length > 1)
      .map(stem),
  );
}

/** Dice's coefficient of two sets: 1 when equal, 0 when they share nothing. */
export function overlap(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return (2 * shared) / (a.size + b.size);
}

/** The length a learner sees: characters, with runs of spaces counted once. */
export function visibleLength(text: string): number {
  return text.trim().replace(/\s+/g, " ").length;
}

/** Shortens a quotation for a message. */
export function quote(text: string, max = 60): string {
  const t = text.trim().replace(/\s+/g, " ");
  return `"${t.length > max ? `${t.slice(0, max - 1).trimEnd()}…` : t}"`;
}

const ABSOLUTES = new Set([
  "always",
  "never",
  "only",
  "all",
  "every",
  "everyone",
  "everybody",
  "everything",
  "none",
  "nobody",
  "nothing",
  "completely",
  "entirely",
  "totally",
  "absolutely",
]);

/**
 * The first absolute word in a text ("always", "never", "only", "every" …), or null. "Not only"
 * and "choose all that apply" are not claims about everything, so they do not count.
 */
export function absoluteWord(text: string): string | null {
  const w = words(text);
  for (let i = 0; i < w.length; i++) {
    const word = w[i] as string;
    if (!ABSOLUTES.has(word)) continue;
    if (word === "only" && w[i - 1] === "not") continue;
    if (word === "all" && w[i + 1] === "that" && w[i + 2] === "apply") continue;
    return word;
  }
  for (let i = 0; i + 1 < w.length; i++) if (w[i] === "no" && w[i + 1] === "one") return "no one";
  return null;
}

const NEGATIVES = new Set(["not", "never", "except", "least", "cannot"]);

/**
 * The first negative word of a stem that is not emphasised, or null. Prompts are shown as plain
 * text, so emphasis means capitals: NOT, EXCEPT, DON'T.
 */
export function quietNegative(text: string): string | null {
  for (const word of writtenWords(text)) {
    const lower = word.toLowerCase();
    const negative = NEGATIVES.has(lower) || lower.endsWith("n't");
    if (negative && word !== word.toUpperCase()) return word;
  }
  return null;
}
