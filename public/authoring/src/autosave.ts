// Autosave. A change waits for a 1.5 s pause, then the whole draft goes to the server with the
// revision it was based on. The server either stores all of it or none of it (400 with a message
// per field), and refuses a stale revision (409) so two authors never overwrite each other.
import type { SavedDraft } from "../../../server/authoring/editor-page-data.ts";
import { type ApiAnswer, callApi } from "./api.ts";
import type { Draft } from "./draft.ts";

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

export type SaveState = keyof typeof MESSAGES;
/** How the last save went (or that an edit waits for one). */
export type SaveResult = Exclude<SaveState, "saving">;
export type SaveAnswer = ApiAnswer<SavedDraft>["body"];

export interface SaverOptions {
  url(): string;
  csrf: string;
  revision: number;
  getDraft(): Draft;
  setState(state: SaveState, extra?: string): void;
  onSaved(body: SaveAnswer, sent: Draft): void;
  onInvalid(body: SaveAnswer): void;
  onConflict(body: SaveAnswer): void;
}

export interface Saver {
  /** Call after every edit. */
  changed(): void;
  /** Saves now (e.g. before publishing) and resolves to saved / invalid / conflict / …. */
  flush(): Promise<SaveResult>;
  readonly revision: number;
  /** True while something the author typed is not yet stored. */
  readonly unsaved: boolean;
}

export function createSaver(opts: SaverOptions): Saver {
  let revision = opts.revision;
  let timer: number | undefined;
  let dirty = false;
  let inFlight: Promise<void> | null = null;
  let conflict = false;
  let retryDelay = 2000;
  let lastResult: SaveResult = "saved";

  async function send(): Promise<SaveResult> {
    clearTimeout(timer);
    timer = undefined;
    if (conflict) return "conflict";
    if (inFlight) {
      await inFlight;
      return dirty ? send() : lastResult;
    }
    if (!dirty) return lastResult;
    dirty = false;
    const draft: Draft = JSON.parse(JSON.stringify(opts.getDraft()));
    opts.setState("saving");
    inFlight = (async () => {
      try {
        const { res, body } = await callApi<SavedDraft>(opts.url(), {
          csrf: opts.csrf,
          method: "PUT",
          body: JSON.stringify({ revision, draft }),
        });
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
    changed() {
      if (conflict) return;
      dirty = true;
      lastResult = "pending";
      opts.setState("pending");
      clearTimeout(timer);
      timer = setTimeout(send, DELAY);
    },
    flush: send,
    get revision() {
      return revision;
    },
    get unsaved() {
      return dirty || inFlight !== null || lastResult === "invalid";
    },
  };
}
