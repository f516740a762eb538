// Rapport's service worker, built by server/pwa/service-worker-script.ts and served at /sw.js.
// Workbox does the caching; this file only says which requests get which strategy (the rules
// themselves are in offline-rules.ts).
import { clientsClaim } from "workbox-core";
import { ExpirationPlugin } from "workbox-expiration";
import {
  cleanupOutdatedCaches,
  matchPrecache,
  type PrecacheEntry,
  precacheAndRoute,
} from "workbox-precaching";
import { registerRoute, setCatchHandler } from "workbox-routing";
import { NetworkFirst, NetworkOnly, StaleWhileRevalidate } from "workbox-strategies";
import {
  CACHE_LIMITS,
  changesWhoIsSignedIn,
  isLearnerPage,
  isModuleBundle,
  LEARNER_CACHES,
  OFFLINE_PAGE,
} from "./offline-rules.ts";

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: PrecacheEntry[] };

// The first page a learner opens is controlled as soon as the worker is ready, so the module
// they start on that visit is already kept; a new version of the worker takes over at once.
self.skipWaiting();
clientsClaim();

// Kept pages wait for a clearing under way, so the first page after a sign-in is never written
// into the cache just before the clearing removes it, nor the other way round.
let clearing: Promise<unknown> = Promise.resolve();

function clearLearnerCaches(): Promise<unknown> {
  clearing = Promise.all(Object.values(LEARNER_CACHES).map((name) => caches.delete(name)));
  return clearing;
}

// Registered before Workbox's listener: signing in or out (a form post the browser sends itself,
// untouched) first empties what the previous learner's visits left here.
self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (
    url.origin === self.location.origin &&
    changesWhoIsSignedIn(event.request.method, url.pathname)
  )
    event.waitUntil(clearLearnerCaches());
});
self.addEventListener("message", (event) => {
  if ((event.data as { type?: string } | null)?.type === "clear-learner-caches")
    event.waitUntil(clearLearnerCaches());
});

// The app shell: styles, the page scripts, the player's SCORM API, icons, the offline page. The
// server lists them with a hash of their bytes, so a changed file is fetched again.
cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST);

// Only whole, direct answers are kept: a redirect (to the sign-in page, say) or an error is not
// the page that was asked for.
const onlyComplete = {
  cacheWillUpdate: async ({ response }: { response: Response }) => {
    await clearing;
    return response.status === 200 && !response.redirected && response.type === "basic"
      ? response
      : null;
  },
};

// A version's bundle never changes its content, but sco.js may improve with a new release of
// Rapport: the kept copy is shown at once and refreshed behind it.
registerRoute(
  ({ url, sameOrigin }) => sameOrigin && isModuleBundle(url.pathname),
  new StaleWhileRevalidate({
    cacheName: LEARNER_CACHES.bundles,
    plugins: [
      onlyComplete,
      new ExpirationPlugin({ ...CACHE_LIMITS.bundles, purgeOnQuotaError: true }),
    ],
  }),
);

// The learner's own pages: always fresh from the server when it answers; the copy from the last
// visit when it does not. Other pages (authoring, settings, sign-in) are never kept.
registerRoute(
  ({ request, url, sameOrigin }) =>
    sameOrigin && request.mode === "navigate" && isLearnerPage(url.pathname),
  new NetworkFirst({
    cacheName: LEARNER_CACHES.pages,
    plugins: [
      onlyComplete,
      new ExpirationPlugin({ ...CACHE_LIMITS.pages, purgeOnQuotaError: true }),
    ],
  }),
);
registerRoute(({ request }) => request.mode === "navigate", new NetworkOnly());

// A page that could not be fetched or found in a cache: the offline page says so.
setCatchHandler(async ({ request }) => {
  if (request.mode !== "navigate") return Response.error();
  return (await matchPrecache(OFFLINE_PAGE)) ?? Response.error();
});
