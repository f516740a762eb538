// What the service worker keeps, in plain functions shared by the worker, the pages and the tests.
// Only a learner's own reading pages and the module bundles they open are kept; admin pages,
// account pages, sign-in forms and every API answer always go to the network.

/** Caches that hold what one signed-in learner saw: emptied whenever who is signed in changes. */
export const LEARNER_CACHES = {
  pages: "rapport-learner-pages",
  bundles: "rapport-module-bundles",
} as const;

/** Limits on the learner caches, so a device never fills up with old modules. */
export const CACHE_LIMITS = {
  pages: { maxEntries: 40, maxAgeSeconds: 14 * 86_400 },
  // A bundle is three files (index.html, sco.js, sco.css): about 25 modules.
  bundles: { maxEntries: 75, maxAgeSeconds: 30 * 86_400 },
} as const;

/** Where the app shell's offline page lives (precached). */
export const OFFLINE_PAGE = "/offline.html";

// The dashboard, catalog, a module's page, its player, the review and the lessons it links to.
const LEARNER_PAGES = [
  /^\/dashboard$/,
  /^\/catalog$/,
  /^\/modules\/[a-z0-9-]+$/,
  /^\/attempts\/[0-9a-f]{24}\/play$/,
  /^\/review$/,
  /^\/review\/lessons\/[a-z0-9-]+\/[A-Za-z0-9_-]+$/,
];

/** A page worth keeping for reading offline: network first, the kept copy when offline. */
export function isLearnerPage(pathname: string): boolean {
  return LEARNER_PAGES.some((re) => re.test(pathname));
}

/** The files of one published version's SCO bundle, as the player frames them. */
export function isModuleBundle(pathname: string): boolean {
  return /^\/bundles\/[0-9a-f]{24}\/[A-Za-z0-9._-]+$/.test(pathname);
}

/** Posts after which someone else may be signed in: the learner caches are emptied first. */
export function changesWhoIsSignedIn(method: string, pathname: string): boolean {
  return method === "POST" && ["/login", "/logout", "/register", "/setup"].includes(pathname);
}

/** localStorage keys of the player's copy of progress the server has acknowledged. */
export const SAVED_COPY_PREFIX = "rapport:saved:";

/** localStorage key of review answers given offline, waiting to be sent. */
export const REVIEW_QUEUE_KEY = "rapport:review-answers";
