import { createHash } from "node:crypto";
import { type BrowserScript, bundleBrowserScript } from "../http/browser-script.ts";

// The TypeScript the pages load beside the plain scripts in public/js, bundled once per process
// (Workbox's window module is bundled in) and served under /pwa/.
const PAGE_SCRIPTS = {
  "app.js": "public/pwa/src/main.ts",
} as const;

export type PageScriptName = keyof typeof PAGE_SCRIPTS;

const built = new Map<PageScriptName, BrowserScript & { etag: string }>();

export function isPageScript(name: string): name is PageScriptName {
  return Object.hasOwn(PAGE_SCRIPTS, name);
}

export function pageScript(name: PageScriptName): BrowserScript & { etag: string } {
  let script = built.get(name);
  if (!script) {
    const bundled = bundleBrowserScript(PAGE_SCRIPTS[name], { target: "es2020" });
    script = {
      ...bundled,
      etag: `"${createHash("sha1").update(bundled.script).digest("base64url")}"`,
    };
    built.set(name, script);
  }
  return script;
}

export const PAGE_SCRIPT_NAMES = Object.keys(PAGE_SCRIPTS) as PageScriptName[];
