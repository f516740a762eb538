import { buildSync } from "esbuild";
import { REPO_ROOT } from "../config.ts";

// The SCO runs the platform's own status rule: esbuild turns server/progress/status-rule.ts into
// a browser script (window.RapportStatusRule) once per process. Paths in its output are relative
// to the repository, so the bytes, and so every export zip, are the same wherever it runs.

let script: Buffer | null = null;

export function statusRuleScript(): Buffer {
  if (!script) {
    const result = buildSync({
      entryPoints: ["server/progress/status-rule.ts"],
      absWorkingDir: REPO_ROOT,
      bundle: true,
      format: "iife",
      globalName: "RapportStatusRule",
      target: "es2019",
      charset: "utf8",
      legalComments: "none",
      write: false,
    });
    const [file] = result.outputFiles;
    if (!file) throw new Error("esbuild produced no status-rule script");
    script = Buffer.from(file.text, "utf8");
  }
  return script;
}
