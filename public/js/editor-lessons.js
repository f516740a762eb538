// Lessons in order. Reordering works by dragging a lesson's handle (HTML5 drag and drop) and,
// for keyboards and screen readers, by Move up / Move down buttons that do the same move.
import { button, field, group, h, hidden, idFor } from "./editor-dom.js";
import { freshId } from "./editor-paths.js";
import { questionList } from "./editor-questions.js";

const MAX_LESSONS = 12;

function lessonHeading(lesson, i) {
  return `Lesson ${i + 1}: ${lesson.title ?? ""}`;
}

function markdownPair(ctx, lesson, path, i) {
  const previewId = idFor(path, "md-preview");
  const preview = h("div", {
    class: "md-preview",
    id: previewId,
    "data-preview-for": path,
    role: "region",
    "aria-label": `Preview of lesson ${i + 1}`,
  });
  ctx.previewer.attach(lesson, preview);
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

function lessonCard(ctx, lessons, lesson, i) {
  const path = `lessons.${i}`;
  const label = `lesson ${i + 1}`;
  lesson.checks ??= [];
  const handle = h("span", {
    class: "drag-handle",
    draggable: "true",
    title: "Drag to reorder",
    "aria-hidden": "true",
    text: "⠿",
  });
  handle.addEventListener("dragstart", (event) => {
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", String(i));
    ctx.dragFrom = i;
  });
  const card = group(
    "section",
    { path, className: "lesson" },
    h(
      "div",
      { class: "lesson-head" },
      h(
        "div",
        { class: "row-actions" },
        handle,
        h("h3", { "data-summary-for": path, text: lessonHeading(lesson, i) }),
      ),
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
            class: "button button--danger button--small",
            disabled: lessons.length <= 1,
            onclick: () =>
              ctx.structural(() => lessons.splice(i, 1), {
                focusId: idFor("lessons", "add"),
                announce: `Lesson ${i + 1} removed`,
              }),
          },
          hidden(` ${label}`),
        ),
      ),
    ),
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
        hint: "Lowercase letters, digits and hyphens.",
      }),
    ),
    markdownPair(ctx, lesson, path, i),
    questionList(ctx, {
      list: lesson.checks,
      path: `${path}.checks`,
      title: "Knowledge checks (up to 3)",
      max: 3,
      idPrefix: "check",
      headingTag: "h4",
    }),
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

export function lessonsSection(ctx) {
  const lessons = ctx.draft.lessons;
  return group(
    "section",
    { path: "lessons", title: "Lessons", titleTag: "h2", className: "editor-section" },
    h("p", {
      class: "hint",
      text: "Drag a lesson by its handle, or use Move up and Move down, to change the order.",
    }),
    lessons.map((lesson, i) => lessonCard(ctx, lessons, lesson, i)),
    button("Add lesson", {
      id: idFor("lessons", "add"),
      disabled: lessons.length >= MAX_LESSONS,
      onclick: () =>
        ctx.structural(
          () =>
            lessons.push({
              id: freshId(ctx.draft, "lesson"),
              title: `Lesson ${lessons.length + 1}`,
              minutes: 3,
              markdown: "Write the lesson here.",
              checks: [],
            }),
          {
            focusId: idFor(`lessons.${lessons.length}.title`),
            announce: `Lesson ${lessons.length + 1} added`,
          },
        ),
    }),
  );
}
