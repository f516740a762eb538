import { buildClassicScript, type ClassicScript } from "./classic-script.ts";

// The SCO runtime is TypeScript under public/sco/src. esbuild bundles it, together with the
// platform's status rule (server/progress/status-rule.ts), into one classic script once per
// process: an IIFE with no module syntax, so it runs from file:// inside any LMS frame. It starts
// with "use strict" because the tsconfig it is checked with is strict. Paths in the build are
// relative to the repository, so the bytes, and so every export zip, are the same wherever it
// runs. Whitespace is minified (names are kept, so a browser's pretty-printer makes it readable).

export const SCO_ENTRY = "public/sco/src/main.ts";

let built: ClassicScript | null = null;

function build(): ClassicScript {
  built ??= buildClassicScript(SCO_ENTRY, "whitespace");
  return built;
}

export function scoScript(): Buffer {
  return build().script;
}

export function scoScriptSources(): string[] {
  return build().sources;
}
