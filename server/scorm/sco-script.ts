import { type BrowserScript, bundleBrowserScript } from "../http/browser-script.ts";

// The SCO runtime is TypeScript under public/sco/src. esbuild bundles it, together with the
// platform's status rule (server/progress/status-rule.ts), into one classic script once per
// process: an IIFE with no module syntax, so it runs from file:// inside any LMS frame. It starts
// with "use strict" because the tsconfig it is checked with is strict. Paths in the build are
// relative to the repository, so the bytes, and so every export zip, are the same wherever it
// runs. Whitespace is minified (names are kept, so a browser's pretty-printer makes it readable).

export const SCO_ENTRY = "public/sco/src/main.ts";

let built: BrowserScript | null = null;

function build(): BrowserScript {
  built ??= bundleBrowserScript(SCO_ENTRY, { target: "es2019" });
  return built;
}

export function scoScript(): Buffer {
  return build().script;
}

export function scoScriptSources(): string[] {
  return build().sources;
}
