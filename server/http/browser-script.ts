import { buildSync } from "esbuild";
import { REPO_ROOT } from "../config.ts";

export interface BrowserScript {
  script: Buffer;
  /** Repository-relative paths of every file bundled in. */
  sources: string[];
}

/**
 * Bundles a TypeScript entry under public/ into one classic script (an IIFE, no module syntax),
 * the way every script Rapport builds at run time is made: paths relative to the repository, so
 * the bytes are the same on every machine; whitespace minified and names kept, so a browser's
 * pretty-printer makes it readable. `define` replaces globals at build time.
 */
export function bundleBrowserScript(
  entry: string,
  opts: { target: string; define?: Record<string, string> },
): BrowserScript {
  const result = buildSync({
    entryPoints: [entry],
    absWorkingDir: REPO_ROOT,
    bundle: true,
    format: "iife",
    target: opts.target,
    platform: "browser",
    charset: "utf8",
    legalComments: "none",
    minifyWhitespace: true,
    metafile: true,
    write: false,
    ...(opts.define ? { define: opts.define } : {}),
  });
  const [file] = result.outputFiles;
  if (!file) throw new Error(`esbuild produced nothing for ${entry}`);
  return {
    script: Buffer.from(file.text, "utf8"),
    sources: Object.keys(result.metafile.inputs).sort(),
  };
}
