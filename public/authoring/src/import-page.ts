// The import page: pasted article text or an uploaded courses zip becomes a new draft, and the
// author lands in its editor. An article is converted first and shown (title, lessons, what was
// left out, the suggested slug) for the author to confirm before anything is saved. Every
// refusal is shown in full (the zip's problems name file and line, as `npm run courses:check`
// does), because nothing is written until all of it is right.
import type { ArticleImportPreview } from "../../../server/authoring/article-import-preview.ts";
import { callApi } from "./api.ts";
import { byId, h } from "./dom.ts";
import { clearErrors, showErrors } from "./field-errors.ts";

/** What a finished import answers: where the new draft is; a refused zip also lists its problems. */
interface Imported {
  slug: string;
  problems: string[];
}

const root = byId("import", HTMLElement);
const csrf = root.dataset.csrf ?? "";

const post = <T>(url: string, type: string, body: BodyInit) =>
  callApi<T>(url, { csrf, type, body });

const articleForm = byId("article-form", HTMLFormElement);
const articleStatus = byId("article-status", HTMLElement);
const articleErrors = byId("article-errors", HTMLElement);
const articleTitle = byId("article-title", HTMLInputElement);
const articleText = byId("article-text", HTMLTextAreaElement);
const previewBox = byId("article-preview", HTMLElement);
const slugInput = byId("article-slug", HTMLInputElement);

function articleBody(extra: { slug?: string }) {
  const title = articleTitle.value.trim();
  return JSON.stringify({ text: articleText.value, ...(title ? { title } : {}), ...extra });
}

function showPreview(p: ArticleImportPreview) {
  byId("preview-title", HTMLElement).textContent = p.titleIsPlaceholder
    ? "None found: type one in Module title above"
    : p.title;
  byId("preview-topics", HTMLElement).textContent = p.topics.join(", ");
  byId("preview-questions", HTMLElement).textContent =
    `${p.questions}, with ${p.placeholders} pieces of placeholder text to rewrite before publishing`;
  byId("preview-lessons", HTMLElement).replaceChildren(
    ...p.lessons.map((l) => h("li", { text: `${l.title} (${l.minutes} min)` })),
  );
  byId("preview-dropped", HTMLElement).replaceChildren(
    ...p.dropped.map((d) => h("li", { text: `${d.text} (${d.reason})` })),
  );
  byId("preview-dropped-box", HTMLElement).hidden = p.dropped.length === 0;
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
    const { res, body } = await post<ArticleImportPreview>(
      "/api/admin/modules/import-article/preview",
      "application/json",
      articleBody({}),
    );
    if (res.ok) {
      // A 2xx answer is the whole preview.
      const preview = body as ArticleImportPreview;
      articleStatus.textContent = `Converted into ${preview.lessons.length} lessons. Check them below, then create the draft.`;
      showPreview(preview);
      return;
    }
    articleStatus.textContent = "Not converted.";
    const focus = showErrors(articleForm, articleErrors, body.fields, body.error ?? res.statusText);
    focus?.focus();
  } catch {
    articleStatus.textContent = "Not converted: cannot reach Rapport. Try again.";
  }
});

byId("article-create", HTMLButtonElement).addEventListener("click", async () => {
  clearErrors(articleForm, articleErrors);
  articleStatus.textContent = "Creating the draft…";
  try {
    const { res, body } = await post<Imported>(
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

const zipForm = byId("zip-form", HTMLFormElement);
const zipStatus = byId("zip-status", HTMLElement);
const problemsBox = byId("zip-problems", HTMLElement);

function showProblems(messages: string[]) {
  problemsBox.querySelector("ul")?.replaceChildren(...messages.map((m) => h("li", { text: m })));
  problemsBox.hidden = false;
  problemsBox.focus();
}

zipForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  problemsBox.hidden = true;
  const file = byId("zip-file", HTMLInputElement).files?.[0];
  if (!file) {
    zipStatus.textContent = "";
    showProblems(["Choose a zip file first."]);
    return;
  }
  zipStatus.textContent = "Importing…";
  try {
    const { res, body } = await post<Imported>(
      "/api/admin/modules/import-zip",
      "application/zip",
      file,
    );
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
