// Registers the service worker that keeps the app shell and the learner's modules for offline
// use, and forgets this learner's copies and kept review answers on sign-out.
import { Workbox } from "workbox-window";
import { SAVED_COPY_PREFIX } from "../../sw/src/offline-rules.ts";
import { forgetAllAnswers } from "./review-queue.ts";

function forgetSavedCopies(): void {
  // Copies of progress the server already holds; unsent answers ("pending") are kept, since the
  // learner was told they would be sent.
  for (let i = localStorage.length - 1; i >= 0; i--) {
    const key = localStorage.key(i);
    if (key?.startsWith(SAVED_COPY_PREFIX)) localStorage.removeItem(key);
  }
}

document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form instanceof HTMLFormElement && new URL(form.action).pathname === "/logout") {
    forgetSavedCopies();
    forgetAllAnswers();
    navigator.serviceWorker?.controller?.postMessage({ type: "clear-learner-caches" });
  }
});

if ("serviceWorker" in navigator) {
  const wb = new Workbox("/sw.js", { scope: "/" });
  // Registration failing (private mode, storage off) leaves the site working online as before.
  wb.register().catch(() => undefined);
}
