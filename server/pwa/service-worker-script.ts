import { bundleBrowserScript } from "../http/browser-script.ts";
import { etagOf } from "../http/served-script.ts";
import { appShell } from "./app-shell.ts";

export const SERVICE_WORKER_ENTRY = "public/sw/src/service-worker.ts";

let built: { script: Buffer; etag: string } | null = null;

/**
 * The service worker, bundled once per process with Workbox and the app shell's list (the
 * `self.__WB_MANIFEST` Workbox's own build tools would inject). Workbox's development logging is
 * compiled out.
 */
export function serviceWorkerScript(): { script: Buffer; etag: string } {
  if (!built) {
    const { script } = bundleBrowserScript(SERVICE_WORKER_ENTRY, {
      target: "es2020",
      define: {
        "self.__WB_MANIFEST": JSON.stringify(appShell()),
        "process.env.NODE_ENV": JSON.stringify("production"),
      },
    });
    built = { script, etag: etagOf(script) };
  }
  return built;
}
