// The import page: pasted article text or an uploaded courses zip becomes a new draft, and the
// author lands in its editor. An article is converted first and shown (title, lessons, what was
// left out, the suggested slug) for the author to confirm before anything is saved. Every
// refusal is shown in full (the zip's problems name file and line, as `npm run courses:check`
// does), because nothing is written until all of it is right.

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
const articleTitle = document.getElementById("article-title");
const articleText = document.getElementById("article-text");
const previewBox = document.getElementById("article-preview");
const slugInput = document.getElementById("article-slug");

function articleBody(extra) {
  const title = articleTitle.value.trim();
  return JSON.stringify({ text: articleText.value, ...(title ? { title } : {}), ...extra });
}

function showPreview(p) {
  document.getElementById("preview-title").textContent = p.titleIsPlaceholder
    ? "None found: type one in Module title above"
    : p.title;
  document.getElementById("preview-topics").textContent = p.topics.join(", ");
  document.getElementById("preview-questions").textContent =
    `${p.questions}, with ${p.placeholders} pieces of placeholder text to rewrite before publishing`;
  document
    .getElementById("preview-lessons")
    .replaceChildren(...p.lessons.map((l) => h("li", { text: `${l.title} (${l.minutes} min)` })));
  document
    .getElementById("preview-dropped")
    .replaceChildren(...p.dropped.map((d) => h("li", { text: `${d.text} (${d.reason})` })));
  document.getElementById("preview-dropped-box").hidden = p.dropped.length === 0;
  slugInput.value = p.slug;
  previewBox.hidden = false;
  previewBox.focus();
}

// A changed article or title needs converting again before it can be created.
for (const input of [articleTitle, articleText]) {
  input.addEventListener("input", () => {
    previewBox.hidden = true;
  });
}

articleForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearErrors(articleForm, articleErrors);
  previewBox.hidden = true;
  articleStatus.textContent = "Converting the article…";
  try {
    const { res, body } = await post(
      "/api/admin/modules/import-article/preview",
      "application/json",
      articleBody({}),
    );
    if (res.ok) {
      articleStatus.textContent = `Converted into ${body.lessons.length} lessons. Check them below, then create the draft.`;
      showPreview(body);
      return;
    }
    articleStatus.textContent = "Not converted.";
    const focus = showErrors(articleForm, articleErrors, body.fields, body.error ?? res.statusText);
    focus?.focus();
  } catch {
    articleStatus.textContent = "Not converted: cannot reach Rapport. Try again.";
  }
});

document.getElementById("article-create").addEventListener("click", async () => {
  clearErrors(articleForm, articleErrors);
  articleStatus.textContent = "Creating the draft…";
  try {
    const { res, body } = await post(
      "/api/admin/modules/import-article",
      "application/json",
      articleBody({ slug: slugInput.value.trim() }),
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
