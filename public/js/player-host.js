// Rapport's player: provides the SCORM 2004 API (scorm-again) to the framed SCO bundle and
// delivers its commits to the server. Every commit is a full snapshot with a rising sequence
// number, kept in localStorage until the server acknowledges it, so answers given while the
// server is unreachable survive retries, reloads and closed tabs.
(() => {
  const config = JSON.parse(document.getElementById("player-config").textContent);
  const statusEl = document.getElementById("save-status");
  const frame = document.getElementById("sco-frame");
  const pendingKey = `rapport:pending:${config.attemptId}`;
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

  const readPending = () => {
    try {
      return JSON.parse(localStorage.getItem(pendingKey) ?? "null");
    } catch {
      return null;
    }
  };
  const showStatus = (state, text) => {
    statusEl.dataset.state = state;
    statusEl.textContent = text;
  };

  // Unsent work from an earlier visit is newer than what the server has: resume from it.
  const pending = readPending();
  let seq = config.seq;
  const cmi = { ...config.cmi };
  if (pending && pending.seq > config.seq) {
    for (const key of RESUMABLE) if (pending.cmi[key] !== undefined) cmi[key] = pending.cmi[key];
    cmi.entry = "resume";
    seq = pending.seq;
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
