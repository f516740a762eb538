import { createHash } from "node:crypto";
import { getDefaults, Lexer, type MarkedOptions, type Token, Tokenizer } from "marked";

// marked recurses once per level of nesting (quotes, lists, emphasis, links) and rescans the
// rest of a paragraph for each * or _ that might open emphasis. A lesson of "> " × 5,000
// overflows the stack and one of "_a" × 50,000 takes seconds. These limits make both refusable:
// the content schema reports them to the author, and the renderer stops at the same point, so
// what validates always renders and what does not fails fast.

/**
 * Lists and quotes may be nested this many levels deep (counted together), and so may emphasis,
 * strikethrough and links.
 */
export const MARKDOWN_NESTING_MAX = 10;
/**
 * Characters marked may rescan looking for the end of emphasis or strikethrough, summed over a
 * whole text. Each *, _ or ~ that might open counts the rest of its paragraph, so the starter
 * library's lessons use well under 1% of it; only a paragraph tens of thousands of characters
 * long and full of marks comes near. At the limit, reading takes some tens of milliseconds.
 */
export const EMPHASIS_SCAN_MAX = 10_000_000;

export class MarkdownLimitError extends Error {
  constructor(
    /** What is wrong, in words for the author. */
    readonly reason: string,
    /** 1-based line of the text where the block holding the problem starts. */
    public line = 1,
  ) {
    super(`line ${line}: ${reason}`);
  }
}

const NESTED_BLOCKS = `lists and quotes are nested more than ${MARKDOWN_NESTING_MAX} levels deep; nest them at most ${MARKDOWN_NESTING_MAX} levels`;
const NESTED_INLINE = `emphasis, strikethrough or links are nested more than ${MARKDOWN_NESTING_MAX} levels deep; nest them at most ${MARKDOWN_NESTING_MAX} levels`;
const TOO_MANY_MARKS =
  "this text has too many *, _ or ~ marks to show in reasonable time; remove some or split long paragraphs";

/**
 * The tokenizer marked would use, counting nesting and emphasis scans as it goes. A container
 * tokenizer only reads deeper text when it matched, so a call arriving while eleven are open
 * proves eleven levels of real nesting: that is where it stops, before recursing any further.
 */
class GuardedTokenizer extends Tokenizer {
  private blockDepth = 0;
  private inlineDepth = 0;
  private scanned = 0;

  private nested<T>(kind: "block" | "inline", run: () => T): T {
    const key = kind === "block" ? "blockDepth" : "inlineDepth";
    if (this[key] > MARKDOWN_NESTING_MAX) {
      throw new MarkdownLimitError(kind === "block" ? NESTED_BLOCKS : NESTED_INLINE);
    }
    this[key]++;
    try {
      return run();
    } finally {
      this[key]--;
    }
  }

  /** An upper bound on what marked's search for the closing mark reads: the rest of the text. */
  private scan(src: string) {
    this.scanned += src.length;
    if (this.scanned > EMPHASIS_SCAN_MAX) throw new MarkdownLimitError(TOO_MANY_MARKS);
  }

  override blockquote(src: string) {
    return this.nested("block", () => super.blockquote(src));
  }

  override list(src: string) {
    return this.nested("block", () => super.list(src));
  }

  override emStrong(src: string, maskedSrc: string, prevChar?: string) {
    if (src[0] === "*" || src[0] === "_") this.scan(src);
    return this.nested("inline", () => super.emStrong(src, maskedSrc, prevChar));
  }

  override del(src: string, maskedSrc: string, prevChar?: string) {
    if (src[0] === "~") this.scan(src);
    return this.nested("inline", () => super.del(src, maskedSrc, prevChar));
  }

  override link(src: string) {
    return this.nested("inline", () => super.link(src));
  }

  override reflink(src: string, links: Parameters<Tokenizer["reflink"]>[1]) {
    return this.nested("inline", () => super.reflink(src, links));
  }
}

/** Remembers which top-level block each paragraph belongs to, to name a line in errors. */
class GuardedLexer extends Lexer {
  private readonly blockOf = new Map<Token[], number>();
  private inlineCalls = 0;
  /** Index in `tokens` of the top-level block whose text is being read inline. */
  block: number | null = null;

  override inline(src: string, tokens: Token[] = []): Token[] {
    this.blockOf.set(tokens, this.tokens.length);
    return super.inline(src, tokens);
  }

  override inlineTokens(src: string, tokens: Token[] = []): Token[] {
    // The lexer's own call for each queued paragraph is the only one at depth 0.
    if (this.inlineCalls === 0) this.block = this.blockOf.get(tokens) ?? this.block;
    this.inlineCalls++;
    try {
      return super.inlineTokens(src, tokens);
    } finally {
      this.inlineCalls--;
    }
  }
}

export const MARKED_OPTIONS: MarkedOptions = {
  ...getDefaults(),
  gfm: true,
  breaks: false,
  async: false,
};

/**
 * marked's tokens for `markdown`, or a MarkdownLimitError naming the line where the block that
 * breaks a limit starts. Anything else marked throws (a stack overflow deeper than any limit
 * foresaw) is reported the same way rather than escaping.
 */
export function lexMarkdown(markdown: string): Token[] {
  const lexer = new GuardedLexer({ ...MARKED_OPTIONS, tokenizer: new GuardedTokenizer() });
  const source = markdown.replace(/\r\n?/g, "\n");
  try {
    return lexer.lex(source);
  } catch (err) {
    const line = lineOfBlock(lexer.tokens, lexer.block ?? lexer.tokens.length);
    if (err instanceof MarkdownLimitError) {
      err.line = line;
      err.message = `line ${line}: ${err.reason}`;
      throw err;
    }
    const first = String((err as Error).message).split("\n")[0];
    throw new MarkdownLimitError(`the Markdown renderer cannot read this text (${first})`, line);
  }
}

function lineOfBlock(tokens: Token[], index: number): number {
  let line = 1;
  for (const token of tokens.slice(0, index)) {
    for (const ch of token.raw) if (ch === "\n") line++;
  }
  return line;
}

const verdicts = new Map<string, MarkdownLimitError | null>();
const VERDICTS_KEPT = 2_000;

/**
 * The first limit `markdown` breaks, or null. Autosave validates every lesson of a draft each
 * time, so verdicts are remembered by the text's hash and only edited lessons are read again.
 */
export function markdownLimitProblem(markdown: string): MarkdownLimitError | null {
  const key = createHash("sha1").update(markdown).digest("base64");
  const known = verdicts.get(key);
  if (known !== undefined) return known;
  let verdict: MarkdownLimitError | null = null;
  try {
    lexMarkdown(markdown);
  } catch (err) {
    verdict = err as MarkdownLimitError;
  }
  verdicts.set(key, verdict);
  if (verdicts.size > VERDICTS_KEPT) verdicts.delete(verdicts.keys().next().value as string);
  return verdict;
}
