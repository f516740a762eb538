import type { Scorm2004Api } from "./scorm-again.ts";

// Delivers the SCO's commits to the server. Every commit is a full snapshot with a rising
// sequence number, kept in localStorage until the server acknowledges it, so answers given while
// the server is unreachable survive retries, reloads and closed tabs. The last acknowledged
// snapshot is kept too (the "saved copy"): offline, the service worker shows the player page as it
// was last fetched, whose data and sequence number are older than what the server already holds,
// and the player resumes from the newer copy instead.

export interface Commit {
  seq: number;
  session: string;
  cmi: Record<string, unknown>;
}

export type SaveState = "saving" | "saved" | "offline" | "error";

export interface CommitQueueOptions {
  api: Scorm2004Api;
  commitUrl: string;
  commitToken: string;
  pendingKey: string;
  /** Where the last acknowledged snapshot is kept. */
  savedKey: string;
  session: string;
  seq: number;
  show(state: SaveState, text: string): void;
}

// Anything else (409 "send it again", 408, 429, 5xx, no answer) is retried with backoff.
const FINAL_REFUSALS = new Set([400, 403, 404, 413]);

/** The snapshot kept under `key` (pending or saved copy), or null. */
export function readStored(key: string): Commit | null {
  try {
    return JSON.parse(localStorage.getItem(key) ?? "null");
  } catch {
    return null;
  }
}

export function commitQueue(opts: CommitQueueOptions) {
  const { api, pendingKey, session, show } = opts;
  let seq = opts.seq;
  let sending = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let retryDelay = 1000;
  let inMemory: Commit | null = null;
  let outdated = false;

  const snapshot = (): Commit => {
    seq += 1;
    const rendered = api.renderCommitCMI(false);
    return { seq, session, cmi: (rendered.cmi ?? rendered) as Record<string, unknown> };
  };
  const remember = (commit: Commit): Commit => {
    try {
      localStorage.setItem(pendingKey, JSON.stringify(commit));
    } catch {
      // Storage full or disabled: the commit is still sent, just not kept across reloads.
    }
    return commit;
  };
  const current = () => readStored(pendingKey) ?? inMemory;
  const forget = () => {
    localStorage.removeItem(pendingKey);
    inMemory = null;
  };

  /** What to do with the server's answer; false when sending must stop for now. */
  async function settle(res: Response): Promise<boolean> {
    if (res.ok) {
      const ack = (await res.json()) as { applied: boolean; seq: number; session: string };
      const latest = current();
      // Not applied and newer, or as new but written by another browser session: either way
      // another window (or device) is ahead of this one.
      const elsewhere = !ack.applied && latest && (ack.seq > latest.seq || ack.session !== session);
      if (elsewhere) {
        // Sending this window's older view over it would lose answers the server already has.
        forget();
        outdated = true;
        show(
          "error",
          "This module was continued in another window. Reload this page to pick up from there.",
        );
        return false;
      }
      if (latest && latest.seq <= ack.seq) {
        forget();
        try {
          localStorage.setItem(opts.savedKey, JSON.stringify(latest));
        } catch {
          // Without the copy, only an offline visit to an older kept page misses it.
        }
        show("saved", "All progress saved.");
      }
      retryDelay = 1000;
      return true;
    }
    if (res.status === 401) {
      show(
        "error",
        "Your session has expired. Reload the page to keep saving; your answers are kept on this device.",
      );
      return false;
    }
    if (FINAL_REFUSALS.has(res.status)) {
      // The server will refuse this snapshot however often it is sent: say why and drop it.
      const body = (await res.json().catch(() => ({}))) as { error?: string };
      forget();
      show("error", `Could not save: ${body.error ?? res.statusText}`);
      return false;
    }
    throw new Error(`HTTP ${res.status}`);
  }

  async function flush(): Promise<void> {
    if (sending) return;
    const commit = current();
    if (!commit) return;
    sending = true;
    clearTimeout(retryTimer);
    let goOn: boolean;
    try {
      const res = await fetch(opts.commitUrl, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${opts.commitToken}`,
        },
        body: JSON.stringify(commit),
        keepalive: true,
        credentials: "same-origin",
      });
      goOn = await settle(res);
    } catch {
      show(
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
    if (goOn && current()) retryTimer = setTimeout(flush, 0);
  }

  const commitNow = () => {
    if (outdated) return;
    inMemory = remember(snapshot());
    show("saving", "Saving…");
    void flush();
  };

  return { flush, commitNow };
}
