import { parse } from "yaml";

export interface FrontMatterFile {
  data: Record<string, unknown>;
  content: string;
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
  if (!match) return { data: {}, content: source };
  let data: unknown;
  try {
    data = parse(match[1] ?? "");
  } catch (err) {
    throw new FrontMatterError(
      `front matter is not valid YAML: ${(err as Error).message.split("\n")[0]}`,
    );
  }
  if (data !== null && (typeof data !== "object" || Array.isArray(data))) {
    throw new FrontMatterError("front matter must be a mapping of fields, like `title: …`");
  }
  return { data: (data ?? {}) as Record<string, unknown>, content: source.slice(match[0].length) };
}

export class FrontMatterError extends Error {}
