import { isLocalPath } from "../../../server/http/local-path.ts";
import {
  HOST_BAR_PARAM,
  type HostLinks,
  isHostHello,
} from "../../../server/player/host-messages.ts";

// Rapport's player tells the SCO where its end screen may lead (My learning, the next module,
// the certificate). In an LMS nobody does, and the end screen shows only the result and the
// lessons to look at again.

let links: HostLinks | null = null;
const listeners: (() => void)[] = [];

export const hostLinks = (): HostLinks | null => links;

/** Framed by Rapport's player, whose bar shows the module's title and progress (host-messages.ts). */
export const hostShowsProgress = (): boolean =>
  window.parent !== window && new URLSearchParams(window.location.search).has(HOST_BAR_PARAM);

/** Calls `fn` whenever the host's links arrive (at most a few times per visit). */
export function onHostLinks(fn: () => void): void {
  listeners.push(fn);
}

export function listenToHost(): void {
  if (window.parent === window) return;
  window.addEventListener("message", (event) => {
    if (event.source !== window.parent || !isHostHello(event.data)) return;
    // Only a path on the host's own site is followed: nothing else may steer the learner away.
    const given = event.data.links;
    const next = given.nextModule;
    links = {
      myLearningUrl: isLocalPath(given.myLearningUrl) ? given.myLearningUrl : "",
      nextModule:
        next && isLocalPath(next.url) && typeof next.title === "string"
          ? { title: next.title, url: next.url }
          : null,
      certificateUrl: isLocalPath(given.certificateUrl) ? given.certificateUrl : null,
    };
    for (const fn of listeners) fn();
  });
  window.parent.postMessage({ type: "rapport:ready" }, "*");
}
