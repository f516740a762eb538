import { buildSync } from "esbuild";
import { REPO_ROOT } from "../config.ts";

// Browser TypeScript becomes one classic script: an IIFE with no module syntax (so it runs from
// file:// inside any LMS frame, or as a plain <script src>), ES2019, with repository-relative
// paths so the bytes are the same on every machine. Used for the SCO runtime and the hosts.

export interface ClassicScript {
  script: Buffer;
  /** Repository-relative paths of every file whose code is in the script. */
  sources: string[];
}

/** `whitespace` keeps names (readable in a browser's pretty-printer); `all` is smallest. */
export function buildClassicScript(entry: string, minify: "whitespace" | "all"): ClassicScript {
  const result = buildSync({
    entryPoints: [entry],
    absWorkingDir: REPO_ROOT,
    bundle: true,
    format: "iife",
    target: "es2019",
    platform: "browser",
    charset: "utf8",
    legalComments: "none",
    ...(minify === "all" ? { minify: true } : { minifyWhitespace: true }),
    metafile: true,
    // node_modules may be a symlink (shared between checkouts): keep bundled paths, and so the
    // generated names, the same as in a plain checkout.
    preserveSymlinks: true,
    write: false,
  });
  const [file] = result.outputFiles;
  if (!file) throw new Error(`esbuild produced no script for ${entry}`);
  return {
    script: Buffer.from(file.text, "utf8"),
    // A file imported only for its types contributes no bytes, and is not listed.
    sources: Object.values(result.metafile.outputs)
      .flatMap((output) => Object.entries(output.inputs))
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([path]) => path)
      .sort(),
  };
}
