// Without JavaScript the first invalid field already has autofocus; with it, the error summary
// takes focus so screen-reader users hear what went wrong first.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector("[data-error-summary]");
  if (summary instanceof HTMLElement) summary.focus();
});
