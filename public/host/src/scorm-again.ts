// The part of scorm-again's Scorm2004API (loaded before the host script from
// /vendor/scorm-again/scorm2004.min.js) that the hosts use.

export interface Scorm2004Api {
  loadFromJSON(json: Record<string, unknown>, prefix: string): void;
  renderCommitCMI(terminate: boolean): { cmi?: Record<string, unknown> } & Record<string, unknown>;
  on(event: string, handler: () => void): void;
  GetValue(element: string): string;
}

interface Scorm2004ApiClass {
  new (settings: Record<string, unknown>): Scorm2004Api;
}

declare global {
  interface Window {
    Scorm2004API: Scorm2004ApiClass;
    API_1484_11?: Scorm2004Api;
  }
}

/** An API that keeps everything in the page: the hosts send commits themselves, or not at all. */
export function createApi(cmi: Record<string, unknown>): Scorm2004Api {
  const api = new window.Scorm2004API({ autocommit: false, lmsCommitUrl: false, logLevel: 5 });
  api.loadFromJSON(cmi, "cmi");
  window.API_1484_11 = api;
  return api;
}

export function element<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing from the page`);
  return el as T;
}
