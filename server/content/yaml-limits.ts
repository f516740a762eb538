// One set of YAML reading limits for module.yaml and lesson front matter. An alias (*name)
// repeats what its anchor holds, so a few lines of nested aliases can expand into billions of
// values; the yaml package counts the expansion and stops past `maxAliasCount`.

/** How much aliases may expand, as the yaml package counts it (its own default). */
export const YAML_MAX_ALIAS_COUNT = 100;
/** module.yaml files larger than this are refused unread; the library's largest is about 15 KB. */
export const MODULE_YAML_MAX_BYTES = 256 * 1024;

export const YAML_OPTIONS = { maxAliasCount: YAML_MAX_ALIAS_COUNT, prettyErrors: false } as const;

/** The yaml package's messages for its limits, in words for an author. */
export function yamlErrorMessage(err: unknown): string {
  const message = (err as Error).message ?? String(err);
  if (/alias count/i.test(message)) {
    return `aliases (*name) expand too much (more than ${YAML_MAX_ALIAS_COUNT}); write the values out instead`;
  }
  if (err instanceof RangeError) return "nested too deeply to read";
  return message.split("\n")[0] ?? message;
}

/** Levels of [ ] and { } nesting a YAML text may open; the library uses one or two. */
export const YAML_MAX_BRACKET_DEPTH = 32;
/** Columns of indentation (and "- " or "? " before content) a YAML line may have; the library's deepest is 14. */
export const YAML_MAX_INDENT = 100;

/**
 * Refuses YAML nested deep enough to make the yaml package recurse dangerously far: past a few
 * thousand levels its stack overflows, and near that edge V8 can abort the whole process instead
 * of throwing. One pass over the text; every bracket counts, even inside quotes, so the estimate
 * never falls short of what the parser will see.
 */
export function yamlNestingProblem(text: string): { line: number; message: string } | null {
  let line = 1;
  let depth = 0;
  let indent = 0;
  let atLineStart = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "\n") {
      line++;
      indent = 0;
      atLineStart = true;
      continue;
    }
    // "- - - x" nests three sequences on one line, so indicators count as indentation too.
    const indicator =
      (ch === "-" || ch === "?" || ch === ":") && /[ \t\n]/.test(text[i + 1] ?? "\n");
    if (atLineStart && (ch === " " || ch === "\t" || indicator)) {
      if (++indent > YAML_MAX_INDENT) {
        return { line, message: `indented or nested more than ${YAML_MAX_INDENT} columns deep` };
      }
      continue;
    }
    atLineStart = false;
    if (ch === "[" || ch === "{") {
      if (++depth > YAML_MAX_BRACKET_DEPTH) {
        return {
          line,
          message: `more than ${YAML_MAX_BRACKET_DEPTH} levels of [ ] or { } nesting`,
        };
      }
    } else if ((ch === "]" || ch === "}") && depth > 0) {
      depth--;
    }
  }
  return null;
}
