import { readBookmark } from "../../../server/scorm/bookmark.ts";
import { listenToHost } from "./host-links.ts";
import { finishSession, startSession } from "./lms-session.ts";
import { buildShell, goTo } from "./navigation.ts";
import { pageIndex } from "./page-list.ts";
import { flushReflections } from "./pages/reflections.ts";
import { commit } from "./save.ts";
import { mountNotices } from "./save-notice.ts";
import { type LearnerState, lms, session, state } from "./state.ts";
import { reportProgress } from "./status-reporting.ts";

// Rapport SCO runtime. It renders one module from the JSON embedded in index.html and reports
// only through the SCORM API its host provides, so the same script runs in Rapport's player
// (which supplies a SCORM 2004 API) and in any LMS frame (SCORM 1.2 or 2004). It is bundled into
// one classic script (server/scorm/sco-script.ts) because it must also run from file://.

/** What tests and the host page may read from the running SCO. */
interface RapportSco {
  readonly state: LearnerState;
  readonly api: "scorm2004" | "scorm12" | "preview";
  readonly entry: string;
  goTo(key: string): void;
  /** Commits and terminates (once); the finish screen calls it, and so does leaving the page. */
  finish(): void;
}

declare global {
  interface Window {
    RapportSco: RapportSco;
  }
}

function start(): void {
  const { location, preview } = startSession();
  buildShell(preview);
  mountNotices();
  reportProgress();
  const place = readBookmark(location);
  goTo(pageIndex(place.page), false, place.screen);
  listenToHost();
  // pagehide fires however the page goes (closed, navigated, frame replaced), and only then:
  // beforeunload also fires when the learner then stays, which would end a session still in use.
  window.addEventListener("pagehide", () => finishSession(true));
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden" && !session.terminated) {
      flushReflections();
      commit();
    }
  });
}

window.RapportSco = {
  get state() {
    return JSON.parse(JSON.stringify(state));
  },
  get api() {
    return lms ? (lms.kind === 2004 ? "scorm2004" : "scorm12") : "preview";
  },
  get entry() {
    return session.entry;
  },
  goTo: (key) => goTo(pageIndex(key), true),
  finish: () => finishSession(false),
};

start();
