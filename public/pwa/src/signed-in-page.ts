// Who the open page was rendered for (views/layout/top.ejs), read fresh each time: a page kept
// by the service worker can be older than the session, so these are only ever the page's word.

const meta = (name: string) =>
  document.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content || undefined;

/** The signed-in learner's id, or undefined on a signed-out page. */
export const pageLearner = () => meta("rapport-learner");

/** The session's CSRF token (csrf-sync reads it from the x-csrf-token header). */
export const pageCsrfToken = () => meta("csrf-token");
