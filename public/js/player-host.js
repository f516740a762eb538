// Rapport's player: provides the SCORM 2004 API (scorm-again) to the framed SCO bundle and
// delivers its commits to the server. Every commit is a full snapshot with a rising sequence
// number, kept in localStorage until the server acknowledges it, so answers given while the
// server is unreachable survive retries, reloads and closed tabs.
// The last acknowledged snapshot is kept too ("saved"): offline, the service worker shows this
// page as it was when it was last fetched, whose saved data and sequence number are older than
// what the server already holds; the player resumes from the newer copy instead.
(() => {
  const config = JSON.parse(document.getElementById("player-config").textContent);
  const statusEl = document.getElementById("save-status");
  const frame = document.getElementById("sco-frame");
  const pendingKey = `rapport:pending:${config.attemptId}`;
  // The prefix is SAVED_COPY_PREFIX in public/sw/src/offline-rules.ts (cleared on sign-out).
  const savedKey = `rapport:saved:${config.attemptId}`;
  const session = Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) =>
    b.toString(16).padStart(2, "0"),
  ).join("");
  const RESUMABLE = [
    "location",
    "suspend_data",
    "completion_status",
    "success_status",
    "score",
    "progress_measure",
    "interactions",
  ];

  const readStored = (key) => {
    try {
      return JSON.parse(localStorage.getItem(key) ?? "null");
    } catch {
      return null;
    }
  };
  const readPending = () => readStored(pendingKey);
  const showStatus = (state, text) => {
    statusEl.dataset.state = state;
    statusEl.textContent = text;
  };

  // Unsent work from an earlier visit is newer than what the server has: resume from it. So is a
  // saved copy newer than this page (a kept copy of the page, shown offline).
  const pending = readPending();
  const saved = readStored(savedKey);
  if (saved && saved.seq <= config.seq) localStorage.removeItem(savedKey);
  const newest = [pending, saved].reduce(
    (best, s) => (s && s.seq > (best ? best.seq : config.seq) ? s : best),
    null,
  );
  let seq = config.seq;
  const cmi = { ...config.cmi };
  if (newest) {
    for (const key of RESUMABLE) if (newest.cmi[key] !== undefined) cmi[key] = newest.cmi[key];
    cmi.entry = "resume";
    seq = newest.seq;
  }

  const api = new window.Scorm2004API({ autocommit: false, lmsCommitUrl: false, logLevel: 5 });
  api.loadFromJSON(cmi, "cmi");
  window.API_1484_11 = api;

  let sending = false;
  let retryTimer = null;
  let retryDelay = 1000;

  const snapshot = () => {
    seq += 1;
    const rendered = api.renderCommitCMI(false);
    return { seq, session, cmi: rendered.cmi ?? rendered };
  };

  const remember = (commit) => {
    try {
      localStorage.setItem(pendingKey, JSON.stringify(commit));
    } catch {
      // Storage full or disabled: the commit is still sent, just not kept across reloads.
    }
    return commit;
  };

  let inMemory = null;
  let outdated = false;
  const current = () => readPending() ?? inMemory;
  const forget = () => {
    localStorage.removeItem(pendingKey);
    inMemory = null;
  };
  // Anything else (409 "send it again", 408, 429, 5xx, no answer) is retried with backoff.
  const FINAL_REFUSALS = new Set([400, 403, 404, 413]);

  async function flush() {
    if (sending) return;
    const commit = current();
    if (!commit) return;
    sending = true;
    clearTimeout(retryTimer);
    try {
      const res = await fetch(config.commitUrl, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${config.commitToken}`,
        },
        body: JSON.stringify(commit),
        keepalive: true,
        credentials: "same-origin",
      });
      if (res.ok) {
        const ack = await res.json();
        const latest = current();
        // Not applied and newer, or as new but written by another browser session: either way
        // another window (or device) is ahead of this one.
        const elsewhere =
          !ack.applied && latest && (ack.seq > latest.seq || ack.session !== session);
        if (elsewhere) {
          // Another window or device saved newer progress to this attempt. Sending this window's
          // older view over it would lose answers the server has already acknowledged.
          forget();
          outdated = true;
          showStatus(
            "error",
            "This module was continued in another window. Reload this page to pick up from there.",
          );
          sending = false;
          return;
        }
        if (latest && latest.seq <= ack.seq) {
          forget();
          try {
            localStorage.setItem(savedKey, JSON.stringify(latest));
          } catch {
            // Without the copy, only an offline visit to an older kept page misses it.
          }
          showStatus("saved", "All progress saved.");
        }
        retryDelay = 1000;
      } else if (res.status === 401) {
        showStatus(
          "error",
          "Your session has expired. Reload the page to keep saving; your answers are kept on this device.",
        );
        sending = false;
        return;
      } else if (FINAL_REFUSALS.has(res.status)) {
        // The server will refuse this snapshot however often it is sent: say why and drop it.
        const body = await res.json().catch(() => ({}));
        forget();
        showStatus("error", `Could not save: ${body.error ?? res.statusText}`);
        sending = false;
        return;
      } else {
        throw new Error(`HTTP ${res.status}`);
      }
    } catch {
      showStatus(
        "offline",
        "Can't reach Rapport. Your answers are kept on this device and will be sent when the connection returns.",
      );
      retryTimer = setTimeout(flush, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 15000);
      sending = false;
      return;
    }
    sending = false;
    // A newer snapshot may have been queued while this one was on its way.
    if (current()) retryTimer = setTimeout(flush, 0);
  }

  const commitNow = () => {
    if (outdated) return;
    inMemory = remember(snapshot());
    showStatus("saving", "Saving…");
    flush();
  };
  api.on("Commit", commitNow);
  api.on("Terminate", commitNow);
  window.addEventListener("online", () => flush());
  window.addEventListener("pagehide", () => flush());

  if (pending && pending.seq > config.seq) flush();
  frame.src = frame.dataset.src;
  window.RapportPlayer = { api, flush, pendingKey };
})();
