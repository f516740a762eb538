import { readFileSync } from "node:fs";
import { buildSync, transformSync } from "esbuild";
import { REPO_ROOT } from "../config.ts";

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

interface Built {
  script: Buffer;
  /** Repository-relative paths of every file whose code is in the script. */
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
      minify: true,
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
      // What the output carries code from (a file imported only for its types contributes none).
      sources: Object.values(result.metafile.outputs)
        .flatMap((output) => Object.entries(output.inputs))
        .filter(([, input]) => input.bytesInOutput > 0)
        .map(([path]) => path)
        .sort(),
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

let stylesheet: Buffer | null = null;

export function scoStylesheet(): Buffer {
  if (!stylesheet) {
    const css = readFileSync(new URL("../../public/sco/sco.css", import.meta.url), "utf8");
    const { code } = transformSync(css, { loader: "css", minify: true, charset: "utf8" });
    stylesheet = Buffer.from(code, "utf8");
  }
  return stylesheet;
}
