import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../config.ts";
import { hostScript } from "../player/host-script.ts";
import { SCORM_AGAIN_FILE, SCORM_AGAIN_URL } from "../player/player-routes.ts";
import { PAGE_SCRIPT_NAMES, pageScript } from "./page-scripts.ts";

/** One file of the app shell as Workbox precaches it: its URL and a hash of its bytes. */
export interface ShellEntry {
  url: string;
  revision: string;
}

// What a learner's pages need besides the pages themselves. Authoring styles and scripts are left
// out: authors work online.
const PUBLIC_FILES = [
  "css/site.css",
  "css/review.css",
  "css/player.css",
  "icons/icon.svg",
  "icons/icon-192.png",
  "icons/icon-512.png",
  "icons/icon-maskable-512.png",
  "icons/apple-touch-icon.png",
  "manifest.webmanifest",
  "offline.html",
];

const revisionOf = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex").slice(0, 16);

/**
 * The app shell the service worker precaches, read from disk when called. The hashes are built
 * into the worker's script, so a changed file changes the worker, and browsers fetch just the
 * files whose hash changed.
 */
export function appShell(): ShellEntry[] {
  const files = PUBLIC_FILES.map((path) => ({
    url: `/${path}`,
    revision: revisionOf(readFileSync(join(REPO_ROOT, "public", path))),
  }));
  const scripts = PAGE_SCRIPT_NAMES.map((name) => ({
    url: `/pwa/${name}`,
    revision: revisionOf(pageScript(name).script),
  }));
  // The player's host script is built from TypeScript (server/player/host-script.ts).
  const host = { url: "/js/player-host.js", revision: revisionOf(hostScript("player-host.js")) };
  const vendor = { url: SCORM_AGAIN_URL, revision: revisionOf(readFileSync(SCORM_AGAIN_FILE)) };
  return [...files, ...scripts, host, vendor];
}
