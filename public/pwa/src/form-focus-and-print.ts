// Without JavaScript the first invalid field already has autofocus; with it, the error summary
// takes focus so screen-reader users hear what went wrong first.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector("[data-error-summary]");
  if (summary instanceof HTMLElement) summary.focus();
});

// A print button only where printing can be started from the page (the browser's own menu works
// everywhere else).
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("[data-print]")) {
    if (!(button instanceof HTMLButtonElement)) continue;
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  }
});
