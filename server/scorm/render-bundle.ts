import type { ModuleContent, Question } from "../content/module-schema.ts";
import { renderMarkdown } from "../content/render-markdown.ts";
import { escapeJsonForScript } from "../http/json-for-script.ts";
import { teachingLessons } from "../review/teaching-lesson.ts";
import type { ScoContent, ScoOption, ScoQuestion, ScormTarget } from "./sco-content.ts";
import { scoScript, scoStylesheet } from "./sco-script.ts";

// A published module version becomes one static SCO bundle. Rapport's player frames it and an LMS
// imports it zipped, so the same bytes are exercised everywhere; determinism lets the export zip
// and any cache key be derived from the content alone.

export type { ScoContent, ScormTarget };
export interface BundleFile {
  path: string;
  data: Buffer;
}

/** Bumped whenever the shape of the embedded content changes in a way sco.js must know about. */
export const BUNDLE_FORMAT = 1;

export function renderBundle(
  content: ModuleContent,
  opts: { version: number; target: ScormTarget },
): BundleFile[] {
  const sco = toScoContent(content, opts);
  const json = JSON.stringify(sco);
  const files: BundleFile[] = [
    { path: "index.html", data: Buffer.from(renderIndexHtml(sco, json), "utf8") },
    { path: "sco.js", data: scoScript() },
    { path: "sco.css", data: scoStylesheet() },
  ];
  return files;
}

export function toScoContent(
  content: ModuleContent,
  opts: { version: number; target: ScormTarget },
): ScoContent {
  return {
    bundleFormat: BUNDLE_FORMAT,
    version: opts.version,
    target: opts.target,
    slug: content.slug,
    title: content.title,
    summary: content.summary,
    minutes: content.minutes,
    passMark: content.passMark,
    lessons: content.lessons.map((l) => ({
      id: l.id,
      title: l.title,
      minutes: l.minutes,
      html: renderMarkdown(l.markdown),
      checks: (l.checks ?? []).map(normalizeQuestion),
    })),
    quiz: content.quiz.map(normalizeQuestion),
    reflections: (content.reflections ?? []).map((r) => ({ id: r.id, prompt: r.prompt })),
    worksheet: content.worksheet
      ? { title: content.worksheet.title, html: renderMarkdown(content.worksheet.markdown) }
      : null,
    teaches: teachesLessons(content),
  };
}

/** The review's choice of the lesson teaching each quiz question, by lesson id, for the end screen. */
function teachesLessons(content: ModuleContent): Record<string, string> {
  const teaches: Record<string, string> = {};
  for (const [id, index] of teachingLessons(content)) {
    const lesson = index === null ? undefined : content.lessons[index];
    if (lesson) teaches[id] = lesson.id;
  }
  return teaches;
}

/**
 * Rebuilds each question with its keys in one order, so content read back from MongoDB (whose
 * key order is not guaranteed) renders to the same bytes as content fresh from the schema.
 */
function normalizeQuestion(q: Question): ScoQuestion {
  const base = { id: q.id, type: q.type, prompt: q.prompt };
  switch (q.type) {
    case "single":
    case "multiple":
      return { ...base, type: q.type, options: q.options.map(normalizeOption) };
    case "scenario":
      return {
        id: q.id,
        type: q.type,
        prompt: q.prompt,
        situation: q.situation,
        options: q.options.map(normalizeOption),
      };
    case "true-false":
      return {
        ...base,
        type: q.type,
        answer: q.answer,
        feedback: { true: q.feedback.true, false: q.feedback.false },
      };
    case "ordering":
      return {
        ...base,
        type: q.type,
        items: q.items.map((i) => ({ text: i.text, feedback: i.feedback })),
      };
    case "matching":
      return {
        ...base,
        type: q.type,
        pairs: q.pairs.map((p) => ({ left: p.left, right: p.right, feedback: p.feedback })),
      };
    case "likert":
      return {
        ...base,
        type: q.type,
        scale: [...q.scale],
        statements: q.statements.map((s) => ({ id: s.id, text: s.text })),
        bands: q.bands.map((b) => ({ min: b.min, max: b.max, label: b.label, text: b.text })),
      };
  }
}

function normalizeOption(o: { text: string; correct: boolean; feedback: string }): ScoOption {
  return { text: o.text, correct: o.correct === true, feedback: o.feedback };
}

function renderIndexHtml(sco: ScoContent, json: string): string {
  // The content rides in a non-executable JSON block: it satisfies `script-src 'self'` and, unlike
  // fetch(), also works when an LMS or a reviewer opens the file from disk.
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(sco.title)}</title>
<link rel="stylesheet" href="sco.css">
<script src="sco.js" defer></script>
</head>
<body>
<noscript><p class="sco-noscript">This module needs JavaScript to run. Please turn JavaScript on, or open it in a browser that allows it.</p></noscript>
<div id="sco-app" class="sco-app"><p class="sco-loading">Loading ${escapeHtml(sco.title)}…</p></div>
<script type="application/json" id="sco-content">${escapeJsonForScript(json)}</script>
</body>
</html>
`;
}

export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/**
 * Makes JSON inert inside a <script> element: with no `<` left, neither `</script` nor `<!--` can
 * end or confuse the block. JSON.parse reads the \u escapes back to the same characters.
 */
