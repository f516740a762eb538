// The import page: pasted article text or an uploaded courses zip becomes a new draft, and the
// author lands in its editor. Every refusal is shown in full (the zip's problems name file and
// line, as `npm run courses:check` does), because nothing is written until all of it is right.

import { h } from "./editor-dom.js";
import { clearErrors, showErrors } from "./editor-errors.js";

const root = document.getElementById("import");
const csrf = root.dataset.csrf;
const headers = (type) => ({
  "content-type": type,
  accept: "application/json",
  "x-csrf-token": csrf,
});

async function post(url, type, body) {
  const res = await fetch(url, {
    method: "POST",
    headers: headers(type),
    body,
    credentials: "same-origin",
  });
  return { res, body: await res.json().catch(() => ({})) };
}

const articleForm = document.getElementById("article-form");
const articleStatus = document.getElementById("article-status");
const articleErrors = document.getElementById("article-errors");

articleForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearErrors(articleForm, articleErrors);
  const title = document.getElementById("article-title").value.trim();
  const text = document.getElementById("article-text").value;
  articleStatus.textContent = "Creating the draft…";
  try {
    const { res, body } = await post(
      "/api/admin/modules/import-article",
      "application/json",
      JSON.stringify(title ? { text, title } : { text }),
    );
    if (res.ok && body.slug) {
      articleStatus.textContent = "Draft created. Opening the editor…";
      location.assign(`/admin/modules/${encodeURIComponent(body.slug)}`);
      return;
    }
    articleStatus.textContent = "Not imported.";
    const focus = showErrors(articleForm, articleErrors, body.fields, body.error ?? res.statusText);
    focus?.focus();
  } catch {
    articleStatus.textContent = "Not imported: cannot reach Rapport. Try again.";
  }
});

const zipForm = document.getElementById("zip-form");
const zipStatus = document.getElementById("zip-status");
const problemsBox = document.getElementById("zip-problems");

function showProblems(messages) {
  problemsBox.querySelector("ul").replaceChildren(...messages.map((m) => h("li", { text: m })));
  problemsBox.hidden = false;
  problemsBox.focus();
}

zipForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  problemsBox.hidden = true;
  const file = document.getElementById("zip-file").files?.[0];
  if (!file) {
    zipStatus.textContent = "";
    showProblems(["Choose a zip file first."]);
    return;
  }
  zipStatus.textContent = "Importing…";
  try {
    const { res, body } = await post("/api/admin/modules/import-zip", "application/zip", file);
    if (res.ok && body.slug) {
      zipStatus.textContent = "Imported. Opening the editor…";
      location.assign(`/admin/modules/${encodeURIComponent(body.slug)}`);
      return;
    }
    zipStatus.textContent = "Not imported.";
    const problems = Array.isArray(body.problems) && body.problems.length ? body.problems : [];
    showProblems(problems.length ? problems : [body.error ?? res.statusText]);
  } catch {
    zipStatus.textContent = "Not imported: cannot reach Rapport. Try again.";
  }
});
