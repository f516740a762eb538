import type { ScoContent } from "./content.ts";

// Finds the SCORM API the host provides and speaks to it. The same file runs in Rapport's player
// (a SCORM 2004 API) and in any LMS frame (SCORM 1.2 or 2004).

const MAX_WINDOW_DEPTH = 10;

export type Edition = 2004 | 12;
type ScormMethod = (...args: string[]) => unknown;
type ScormApi = Record<string, ScormMethod>;
interface FoundApi {
  name: string;
  api: ScormApi;
}

function apiNamesFor(target: ScoContent["target"]): string[] {
  if (target === "scorm2004") return ["API_1484_11"];
  if (target === "scorm12") return ["API"];
  return ["API_1484_11", "API"];
}

/** The standard search: this window and its parents, then the opener and its parents. */
function candidateWindows(): Window[] {
  const found: Window[] = [];
  addWithAncestors(window, found);
  const opener: Window | null = safely(() => window.opener, null);
  if (opener) addWithAncestors(opener, found);
  return found;
}

function addWithAncestors(start: Window, list: Window[]): void {
  let win = start;
  for (let depth = 0; win && depth < MAX_WINDOW_DEPTH; depth++) {
    list.push(win);
    const parent = safely<Window | null>(() => win.parent, null);
    if (!parent || parent === win) return;
    win = parent;
  }
}

function readApiFrom(win: Window, name: string): ScormApi | null {
  // A cross-origin ancestor throws on property access; it cannot be our LMS anyway.
  const api = safely(() => (win as unknown as Record<string, unknown>)[name], null);
  return api && typeof api === "object" ? (api as ScormApi) : null;
}

export function findApi(target: ScoContent["target"]): FoundApi | null {
  const windows = candidateWindows();
  for (const name of apiNamesFor(target)) {
    for (const win of windows) {
      const api = readApiFrom(win, name);
      if (api) return { name, api };
    }
  }
  return null;
}

const isTrue = (result: unknown): boolean => result === true || result === "true";

export function safely<T>(call: () => T, fallback: T): T {
  try {
    return call();
  } catch {
    return fallback;
  }
}

/** The element names that differ between the editions. */
export interface EditionNames {
  calls: [string, string, string, string, string, string, string];
  location: string;
  entry: string;
  sessionTime: string;
  exit: string;
}

// The two editions differ only in method and element names; the runtime speaks through this.
const EDITIONS: Record<Edition, EditionNames> = {
  2004: {
    calls: [
      "Initialize",
      "GetValue",
      "SetValue",
      "Commit",
      "Terminate",
      "GetLastError",
      "GetErrorString",
    ],
    location: "cmi.location",
    entry: "cmi.entry",
    sessionTime: "cmi.session_time",
    exit: "cmi.exit",
  },
  12: {
    calls: [
      "LMSInitialize",
      "LMSGetValue",
      "LMSSetValue",
      "LMSCommit",
      "LMSFinish",
      "LMSGetLastError",
      "LMSGetErrorString",
    ],
    location: "cmi.core.lesson_location",
    entry: "cmi.core.entry",
    sessionTime: "cmi.core.session_time",
    exit: "cmi.core.exit",
  },
};

/** Why the LMS refused the last call, in its own words. */
export interface LmsError {
  code: string;
  message: string;
}

/** One connected LMS, whichever edition it speaks. */
export interface Lms {
  kind: Edition;
  names: EditionNames;
  initialize(): boolean;
  get(element: string): string;
  set(element: string, value: string | number): boolean;
  commit(): boolean;
  terminate(): boolean;
  /** Asked right after a call returned false: GetLastError, then GetErrorString of its code. */
  lastError(): LmsError;
}

export function connectLms(found: FoundApi | null): Lms | null {
  if (!found) return null;
  const kind: Edition = found.name === "API_1484_11" ? 2004 : 12;
  const [init, get, set, save, end, errorCode, errorText] = EDITIONS[kind].calls;
  // A missing method throws inside safely(), as any other failing call does.
  const call = (name: string, ...args: string[]) =>
    safely(() => (found.api[name] as ScormMethod)(...args), "");
  return {
    kind,
    names: EDITIONS[kind],
    initialize: () => isTrue(call(init, "")),
    get: (el) => String(call(get, el) ?? ""),
    set: (el, value) => isTrue(call(set, el, String(value))),
    commit: () => isTrue(call(save, "")),
    terminate: () => isTrue(call(end, "")),
    lastError: () => {
      const code = String(call(errorCode) ?? "").trim() || "unknown";
      const message = String(call(errorText, code) ?? "").trim();
      return { code, message: message || "no reason given" };
    },
  };
}
