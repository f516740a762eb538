// Lessons in order, each folded to one line (title, minutes, checks, hints) until the author
// opens it, so a module of twelve lessons still fits a screen. Reordering works by dragging a
// lesson's handle (HTML5 drag and drop) and, for keyboards and screen readers, by Move up /
// Move down buttons that do the same move.
import { confirmAction } from "./confirm-dialog.ts";
import { button, countLabel, field, group, h, hidden, idFor } from "./dom.ts";
import type { EditorContext, Lesson } from "./draft.ts";
import { freshId } from "./draft-paths.ts";
import { markNew, shownValue } from "./placeholders.ts";
import { questionList } from "./questions.ts";

const MAX_LESSONS = 12;

export function lessonHeading(lesson: { title?: unknown }, i: number): string {
  return `Lesson ${i + 1}: ${shownValue(lesson.title ?? "")}`;
}

function lessonMeta(lesson: Lesson): string {
  const checks = countLabel(lesson.checks?.length ?? 0, "check") || "no checks";
  return ` · ${lesson.minutes ?? "?"} min · ${checks}`;
}

function markdownPair(lesson: Lesson, path: string, i: number): HTMLDivElement {
  const previewId = idFor(path, "md-preview");
  const preview = h("div", {
    class: "md-preview",
    id: previewId,
    "data-preview-for": path,
    role: "region",
    "aria-label": `Preview of lesson ${i + 1}`,
    // Long previews scroll inside their box, so keyboard users must be able to reach it.
    tabindex: "0",
  });
  return h(
    "div",
    { class: "md-pair" },
    field({
      label: "Lesson text (Markdown)",
      path: `${path}.markdown`,
      value: lesson.markdown,
      multiline: true,
      rows: 12,
      hint: "## for a heading, - for a list, **bold**, [link](https://…). The preview beside it is what learners see.",
    }),
    h(
      "div",
      null,
      h("p", { class: "md-preview-label", "aria-hidden": "true", text: "Preview" }),
      preview,
    ),
  );
}

function lessonCard(ctx: EditorContext, lessons: Lesson[], lesson: Lesson, i: number): HTMLElement {
  const path = `lessons.${i}`;
  const label = `lesson ${i + 1}`;
  lesson.checks ??= [];
  const bodyId = idFor(path, "body");
  const toggleId = idFor(path, "toggle");
  const handle = h("span", {
    class: "drag-handle",
    draggable: "true",
    title: "Drag to reorder",
    "aria-hidden": "true",
    text: "⠿",
  });
  handle.addEventListener("dragstart", (event) => {
    if (event.dataTransfer) {
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", String(i));
    }
    ctx.dragFrom = i;
  });
  const open = ctx.openLessons.has(lesson);
  const toggle = h(
    "button",
    {
      type: "button",
      class: "lesson-toggle",
      id: toggleId,
      "aria-expanded": open ? "true" : "false",
      "aria-controls": bodyId,
    },
    h("span", { "data-summary-for": path, text: lessonHeading(lesson, i) }),
    h("span", { class: "meta", "data-meta-for": path, text: lessonMeta(lesson) }),
    h("span", { class: "hint-count", "data-hint-count-for": path }),
  );
  const body = h(
    "div",
    { class: "lesson-body", id: bodyId, "data-collapsible": "", hidden: !open },
    h(
      "div",
      { class: "inline-fields" },
      field({ label: "Lesson title", path: `${path}.title`, value: lesson.title }),
      field({
        label: "Minutes",
        path: `${path}.minutes`,
        value: lesson.minutes,
        kind: "int",
        type: "number",
      }),
      field({
        label: "Lesson id",
        path: `${path}.id`,
        value: lesson.id,
        hint: "Made by Rapport; lowercase letters, digits and hyphens.",
      }),
    ),
    markdownPair(lesson, path, i),
    questionList(ctx, {
      list: lesson.checks,
      path: `${path}.checks`,
      title: "Knowledge checks (up to 3)",
      max: 3,
      idPrefix: "check",
      headingTag: "h4",
    }),
  );
  const setOpen = (value: boolean) => {
    if (value) ctx.openLessons.add(lesson);
    else ctx.openLessons.delete(lesson);
    toggle.setAttribute("aria-expanded", value ? "true" : "false");
    body.hidden = !value;
    // The preview is rendered once the lesson is open: a folded lesson costs no request.
    const preview = body.querySelector<HTMLElement>("[data-preview-for]");
    if (value && preview && !preview.dataset.attached) {
      preview.dataset.attached = "yes";
      ctx.previewer.attach(lesson, preview);
    }
  };
  toggle.addEventListener("click", () => setOpen(!ctx.openLessons.has(lesson)));
  body.addEventListener("reveal", () => setOpen(true));
  if (open) setOpen(true);
  const card = group(
    "section",
    { path, className: "lesson" },
    h(
      "div",
      { class: "lesson-head" },
      h("div", { class: "row-actions lesson-title-row" }, handle, h("h3", null, toggle)),
      h(
        "div",
        { class: "row-actions" },
        button(
          "Move up",
          {
            id: idFor(path, "up"),
            disabled: i === 0,
            onclick: () => ctx.moveItem(lessons, i, i - 1, "lessons", label),
          },
          hidden(` ${label}`),
        ),
        button(
          "Move down",
          {
            id: idFor(path, "down"),
            disabled: i === lessons.length - 1,
            onclick: () => ctx.moveItem(lessons, i, i + 1, "lessons", label),
          },
          hidden(` ${label}`),
        ),
        button(
          "Remove",
          {
            id: idFor(path, "remove"),
            class: "button button--danger button--small",
            disabled: lessons.length <= 1,
            onclick: async () => {
              const ok = await confirmAction({
                title: `Remove lesson ${i + 1}?`,
                message: `“${shownValue(lesson.title ?? "")}” and its ${countLabel(lesson.checks.length, "knowledge check") || "text"} will be removed from the draft. Published versions keep it.`,
                confirmLabel: "Remove lesson",
              });
              if (!ok) return;
              ctx.structural(() => lessons.splice(i, 1), {
                focusId: idFor("lessons", "add"),
                announce: `Lesson ${i + 1} removed`,
              });
            },
          },
          hidden(` ${label}`),
        ),
      ),
    ),
    body,
  );
  card.setAttribute("aria-label", `Lesson ${i + 1}`);
  card.addEventListener("dragover", (event) => {
    if (ctx.dragFrom === null) return;
    event.preventDefault();
    card.classList.add("lesson--drop-target");
  });
  card.addEventListener("dragleave", () => card.classList.remove("lesson--drop-target"));
  card.addEventListener("drop", (event) => {
    event.preventDefault();
    card.classList.remove("lesson--drop-target");
    const from = ctx.dragFrom;
    ctx.dragFrom = null;
    if (from !== null && from !== i)
      ctx.moveItem(lessons, from, i, "lessons", `lesson ${from + 1}`);
  });
  return card;
}

export function lessonsSection(ctx: EditorContext): HTMLElement {
  const lessons = ctx.draft.lessons;
  // A module of one lesson shows it open: there is nothing else to fold it away from.
  if (lessons.length === 1 && lessons[0]) ctx.openLessons.add(lessons[0]);
  return group(
    "section",
    { path: "lessons", title: "Lessons", titleTag: "h2", className: "editor-section" },
    h("p", {
      class: "hint",
      text: "Open a lesson by its title. Drag a lesson by its handle, or use Move up and Move down, to change the order.",
    }),
    lessons.map((lesson, i) => lessonCard(ctx, lessons, lesson, i)),
    button("Add lesson", {
      id: idFor("lessons", "add"),
      disabled: lessons.length >= MAX_LESSONS,
      onclick: () =>
        ctx.structural(
          () => {
            const lesson: Lesson = {
              id: freshId(ctx.draft, "lesson"),
              title: markNew(`Lesson ${lessons.length + 1}`),
              minutes: 3,
              markdown: markNew("Write this lesson."),
              checks: [],
            };
            ctx.openLessons.add(lesson);
            lessons.push(lesson);
          },
          {
            focusId: idFor(`lessons.${lessons.length}.title`),
            announce: `Lesson ${lessons.length + 1} added`,
          },
        ),
    }),
  );
}
