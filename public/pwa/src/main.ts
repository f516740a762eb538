// The one script every page loads (views/layout/top.ejs): the installable app's service worker
// registration and review answers kept while offline, and the focus and print helpers of the
// site's forms and printable pages.
import "./service-worker-registration.ts";
import "./review-answers.ts";
import "./form-focus-and-print.ts";
