import { buildSync } from "esbuild";
import { REPO_ROOT } from "../config.ts";

// The SCO runtime is TypeScript under public/sco/src. esbuild bundles it, together with the
// platform's status rule (server/progress/status-rule.ts), into one classic script once per
// process: an IIFE with no module syntax, so it runs from file:// inside any LMS frame. It starts
// with "use strict" because the tsconfig it is checked with is strict. Paths in the build are
// relative to the repository, so the bytes, and so every export zip, are the same wherever it
// runs. Whitespace is minified (names are kept, so a browser's pretty-printer makes it readable).

export const SCO_ENTRY = "public/sco/src/main.ts";

interface Built {
  script: Buffer;
  /** Repository-relative paths of every file bundled in. */
  sources: string[];
}

let built: Built | null = null;

function build(): Built {
  if (!built) {
    const result = buildSync({
      entryPoints: [SCO_ENTRY],
      absWorkingDir: REPO_ROOT,
      bundle: true,
      format: "iife",
      target: "es2019",
      platform: "browser",
      charset: "utf8",
      legalComments: "none",
      minifyWhitespace: true,
      metafile: true,
      // node_modules may be a symlink (shared between checkouts): keep bundled paths, and so the
      // generated names, the same as in a plain checkout.
      preserveSymlinks: true,
      write: false,
    });
    const [file] = result.outputFiles;
    if (!file) throw new Error("esbuild produced no SCO script");
    built = {
      script: Buffer.from(file.text, "utf8"),
      sources: Object.keys(result.metafile.inputs).sort(),
    };
  }
  return built;
}

export function scoScript(): Buffer {
  return build().script;
}

export function scoScriptSources(): string[] {
  return build().sources;
}
