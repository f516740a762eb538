import { scriptShelf } from "../http/served-script.ts";

// The TypeScript every page loads, bundled once per process (Workbox's window module is bundled
// in) and served under /pwa/.
export const PAGE_SCRIPTS = scriptShelf(
  { "app.js": "public/pwa/src/main.ts" },
  { target: "es2020" },
);

export const pageScript = PAGE_SCRIPTS.get;
export const PAGE_SCRIPT_NAMES = PAGE_SCRIPTS.names;
