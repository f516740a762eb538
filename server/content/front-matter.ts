import { parse } from "yaml";
import { YAML_OPTIONS, yamlErrorMessage, yamlNestingProblem } from "./yaml-limits.ts";

export interface FrontMatterFile {
  data: Record<string, unknown>;
  content: string;
  /** 1-based line of the file on which `content` starts. */
  bodyLine: number;
}

const FENCE = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/**
 * Splits `---` YAML front matter from a Markdown body. Deliberately YAML only: gray-matter also
 * accepts `---js` blocks and evaluates them, which would let an uploaded lesson run code here.
 */
export function parseFrontMatter(text: string): FrontMatterFile {
  const source = text.replace(/^\uFEFF/, "");
  if (/^---[^\s-]/.test(source)) {
    throw new FrontMatterError("front matter must be YAML between two lines of just ---");
  }
  const match = source.match(FENCE);
  if (!match) return { data: {}, content: source, bodyLine: 1 };
  const yaml = match[1] ?? "";
  const deep = yamlNestingProblem(yaml);
  // The front matter starts on the file's second line, after the opening ---.
  if (deep) throw new FrontMatterError(`front matter is ${deep.message}`, deep.line + 1);
  let data: unknown;
  try {
    data = parse(yaml, YAML_OPTIONS);
  } catch (err) {
    throw new FrontMatterError(`front matter is not valid YAML: ${yamlErrorMessage(err)}`);
  }
  if (data !== null && (typeof data !== "object" || Array.isArray(data))) {
    throw new FrontMatterError("front matter must be a mapping of fields, like `title: …`");
  }
  return {
    data: (data ?? {}) as Record<string, unknown>,
    content: source.slice(match[0].length),
    bodyLine: match[0].split("\n").length,
  };
}

export class FrontMatterError extends Error {
  constructor(
    message: string,
    /** The line of the file the problem is on, when known. */
    readonly line = 1,
  ) {
    super(message);
  }
}
