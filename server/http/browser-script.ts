import { buildSync } from "esbuild";
import { REPO_ROOT } from "../config.ts";

export interface BrowserScript {
  script: Buffer;
  /** Repository-relative paths of every file whose code is in the script. */
  sources: string[];
}

export interface BrowserScriptOptions {
  /** Browsers the output must run in: es2019 for anything an LMS frame may load. */
  target: string;
  /** `whitespace` keeps names (readable in a browser's pretty-printer); `all` is smallest. */
  minify?: "whitespace" | "all";
  /** Globals replaced at build time. */
  define?: Record<string, string>;
}

/**
 * Bundles a TypeScript entry under public/ into one classic script (an IIFE, no module syntax, so
 * it runs from file:// inside any LMS frame or as a plain <script src>): the one way every script
 * Rapport builds at run time is made (the SCO runtime, the player hosts, the service worker and
 * the page scripts). Paths are relative to the repository, so the bytes are the same on every
 * machine.
 */
export function bundleBrowserScript(entry: string, opts: BrowserScriptOptions): BrowserScript {
  const result = buildSync({
    entryPoints: [entry],
    absWorkingDir: REPO_ROOT,
    bundle: true,
    format: "iife",
    target: opts.target,
    platform: "browser",
    charset: "utf8",
    legalComments: "none",
    ...(opts.minify === "all" ? { minify: true } : { minifyWhitespace: true }),
    metafile: true,
    // node_modules may be a symlink (shared between checkouts): keep bundled paths, and so the
    // generated names, the same as in a plain checkout.
    preserveSymlinks: true,
    write: false,
    ...(opts.define ? { define: opts.define } : {}),
  });
  const [file] = result.outputFiles;
  if (!file) throw new Error(`esbuild produced nothing for ${entry}`);
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
