// The one script every page loads for the installable app (views/layout/top.ejs): the service
// worker's registration, and review answers kept while offline.
import "./service-worker-registration.ts";
import "./review-answers.ts";
