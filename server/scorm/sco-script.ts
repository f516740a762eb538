import { readFileSync } from "node:fs";
import { transformSync } from "esbuild";
import { type BrowserScript, bundleBrowserScript } from "../http/browser-script.ts";

// The SCO runtime is TypeScript under public/sco/src. esbuild bundles it, together with the
// platform's status rule (server/progress/status-rule.ts), into one classic script once per
// process: an IIFE with no module syntax, so it runs from file:// inside any LMS frame. It starts
// with "use strict" because the tsconfig it is checked with is strict. Paths in the build are
// relative to the repository, so the bytes, and so every export zip, are the same wherever it
// runs. It is minified, local names included: every package carries it, and mangling the names
// saves more than lz-string (bundled for SCORM 1.2 suspend data) adds. Element names, CMI paths
// and messages stay as written, so a pretty-printed copy is still followable. The stylesheet is
// minified too (public/sco/sco.css stays the readable source).

export const SCO_ENTRY = "public/sco/src/main.ts";

let built: BrowserScript | null = null;

function build(): BrowserScript {
  // Fully minified (local names too): every byte ships in every package.
  built ??= bundleBrowserScript(SCO_ENTRY, { target: "es2019", minify: "all" });
  return built;
}

export function scoScript(): Buffer {
  return build().script;
}

export function scoScriptSources(): string[] {
  return build().sources;
}

let stylesheet: Buffer | null = null;

export function scoStylesheet(): Buffer {
  if (!stylesheet) {
    const css = readFileSync(new URL("../../public/sco/sco.css", import.meta.url), "utf8");
    const { code } = transformSync(css, { loader: "css", minify: true, charset: "utf8" });
    stylesheet = Buffer.from(code, "utf8");
  }
  return stylesheet;
}
