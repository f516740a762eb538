// The module's own fields, its reflection prompts and its optional worksheet.
import { button, field, group, h, idFor } from "./dom.ts";
import type { EditorContext } from "./draft.ts";
import { freshId } from "./draft-paths.ts";
import { itemList } from "./item-lists.ts";
import { markNew } from "./placeholders.ts";

export function moduleSection(ctx: EditorContext): HTMLElement {
  const d = ctx.draft;
  const slugField = field({
    label: "Slug",
    path: "slug",
    value: d.slug,
    hint:
      ctx.publishedVersion > 0
        ? "The slug cannot change once published: learners and LMS packages already use it."
        : "Part of the module's address: lowercase letters, digits and hyphens. It cannot change once published.",
  });
  const slugInput = slugField.querySelector("input");
  if (ctx.publishedVersion > 0 && slugInput) slugInput.readOnly = true;
  return group(
    "section",
    { path: "", title: "Module", titleTag: "h2", className: "editor-section" },
    // Short fields share a row on wide screens, so the module's settings take little height.
    h(
      "div",
      { class: "pair-fields" },
      field({ label: "Title", path: "title", value: d.title }),
      slugField,
    ),
    field({ label: "Summary", path: "summary", value: d.summary, multiline: true, rows: 2 }),
    h(
      "div",
      { class: "pair-fields" },
      field({
        label: "Topics",
        path: "topics",
        value: d.topics,
        kind: "csv",
        hint: "Separate topics with commas.",
      }),
      h(
        "div",
        { class: "inline-fields" },
        field({
          label: "Minutes (whole module)",
          path: "minutes",
          value: d.minutes,
          kind: "int",
          type: "number",
        }),
        field({
          label: "Pass mark (%)",
          path: "passMark",
          value: d.passMark,
          kind: "int",
          type: "number",
        }),
      ),
    ),
  );
}

export function reflectionsSection(ctx: EditorContext): HTMLElement {
  ctx.draft.reflections ??= [];
  const list = ctx.draft.reflections;
  return h(
    "section",
    { class: "editor-section", "aria-labelledby": "reflections-heading" },
    h("h2", { id: "reflections-heading", text: "Reflections" }),
    itemList(ctx, {
      path: "reflections",
      title: "Reflection prompts (optional, up to 10)",
      items: list,
      noun: "Reflection",
      max: 10,
      movable: true,
      addLabel: "Add reflection",
      make: () => ({
        id: freshId(ctx.draft, "reflect"),
        prompt: markNew("What will you try this week?"),
      }),
      renderItem: (r, p) => [
        field({
          label: "Reflection id",
          path: `${p}.id`,
          value: r.id,
          hint: "Lowercase letters, digits and hyphens.",
        }),
        field({ label: "Prompt", path: `${p}.prompt`, value: r.prompt, multiline: true, rows: 2 }),
      ],
    }),
  );
}

export function worksheetSection(ctx: EditorContext): HTMLElement {
  const d = ctx.draft;
  const body = d.worksheet
    ? [
        field({ label: "Worksheet title", path: "worksheet.title", value: d.worksheet.title }),
        field({
          label: "Worksheet (Markdown)",
          path: "worksheet.markdown",
          value: d.worksheet.markdown,
          multiline: true,
          rows: 8,
        }),
        button("Remove worksheet", {
          id: idFor("worksheet", "remove"),
          class: "button button--danger button--small",
          onclick: () =>
            ctx.structural(() => delete d.worksheet, {
              focusId: idFor("worksheet", "add"),
              announce: "Worksheet removed",
            }),
        }),
      ]
    : button("Add a worksheet", {
        id: idFor("worksheet", "add"),
        onclick: () =>
          ctx.structural(() => (d.worksheet = { title: "Worksheet", markdown: "" }), {
            focusId: idFor("worksheet.title"),
            announce: "Worksheet added",
          }),
      });
  return group(
    "section",
    {
      path: "worksheet",
      title: "Worksheet (optional)",
      titleTag: "h2",
      className: "editor-section",
    },
    body,
  );
}
