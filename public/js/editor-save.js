// Autosave. A change waits for a 1.5 s pause, then the whole draft goes to the server with the
// revision it was based on. The server either stores all of it or none of it (400 with a message
// per field), and refuses a stale revision (409) so two authors never overwrite each other.

const DELAY = 1500;

export const MESSAGES = {
  pending: "Unsaved changes",
  saving: "Saving…",
  saved: "All changes saved",
  invalid: "Not saved: fix the errors below",
  conflict: "Someone else changed this module — Reload to see their version",
  gone: "Not saved: this module was renamed or removed by someone else. Open it again from the module list.",
  offline: "Not saved: cannot reach Rapport. Trying again…",
  denied:
    "Not saved: your session has ended. Sign in again in another tab, then make a change here.",
};

/**
 * @param opts { url(): string, csrf, revision, getDraft(), setState(state, extra),
 *   onSaved({revision, status}, sentDraft), onInvalid(body), onConflict(body) }
 */
export function createSaver(opts) {
  let revision = opts.revision;
  let timer = null;
  let dirty = false;
  let inFlight = null;
  let conflict = false;
  let retryDelay = 2000;
  let lastResult = "saved";

  async function send() {
    clearTimeout(timer);
    timer = null;
    if (conflict) return "conflict";
    if (inFlight) {
      await inFlight;
      return dirty ? send() : lastResult;
    }
    if (!dirty) return lastResult;
    dirty = false;
    const draft = JSON.parse(JSON.stringify(opts.getDraft()));
    opts.setState("saving");
    inFlight = (async () => {
      try {
        const res = await fetch(opts.url(), {
          method: "PUT",
          headers: {
            "content-type": "application/json",
            accept: "application/json",
            "x-csrf-token": opts.csrf,
          },
          body: JSON.stringify({ revision, draft }),
          credentials: "same-origin",
        });
        const body = await res.json().catch(() => ({}));
        if (res.ok) {
          revision = body.revision ?? revision + 1;
          retryDelay = 2000;
          lastResult = "saved";
          opts.onSaved(body, draft);
          if (!dirty) opts.setState("saved");
        } else if (res.status === 404) {
          // Another author renamed the slug (or the module went): retrying here cannot succeed.
          conflict = true;
          lastResult = "gone";
          opts.setState("gone");
        } else if (res.status === 409) {
          conflict = true;
          lastResult = "conflict";
          opts.setState("conflict");
          opts.onConflict(body);
        } else if (res.status === 400) {
          lastResult = "invalid";
          opts.setState("invalid");
          opts.onInvalid(body);
        } else if (res.status === 401 || res.status === 403) {
          dirty = true;
          lastResult = "denied";
          opts.setState("denied", body.error);
        } else {
          throw new Error(`HTTP ${res.status}`);
        }
      } catch {
        // Network trouble or a server error: nothing was stored, so keep the change and retry.
        dirty = true;
        lastResult = "offline";
        opts.setState("offline");
        timer = setTimeout(send, retryDelay);
        retryDelay = Math.min(retryDelay * 2, 30000);
      }
    })();
    await inFlight;
    inFlight = null;
    if (dirty && !timer && lastResult === "saved") timer = setTimeout(send, DELAY);
    return lastResult;
  }

  return {
    /** Call after every edit. */
    changed() {
      if (conflict) return;
      dirty = true;
      lastResult = "pending";
      opts.setState("pending");
      clearTimeout(timer);
      timer = setTimeout(send, DELAY);
    },
    /** Saves now (e.g. before publishing) and resolves to saved / invalid / conflict / …. */
    flush: send,
    get revision() {
      return revision;
    },
    /** True while something the author typed is not yet stored. */
    get unsaved() {
      return dirty || inFlight !== null || lastResult === "invalid";
    },
  };
}
