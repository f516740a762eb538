// The question editor: one panel per question, folded to a single line (number, type, hint
// count, prompt) until opened, with the fields of its type as the content schema
// (server/content/module-schema.ts) defines them. New questions come from new-question.ts; ids
// are made by Rapport and stay editable.
import { QUESTION_TYPE_NAMES } from "../../../server/content/question-type-names.ts";
import { confirmAction } from "./confirm-dialog.ts";
import { button, type Child, checkbox, field, group, h, hidden, idFor } from "./dom.ts";
import type { EditorContext, Question, QuestionOf, QuestionType } from "./draft.ts";
import { freshId, freshIn } from "./draft-paths.ts";
import { itemList } from "./item-lists.ts";
import { newOption, newQuestion } from "./new-question.ts";
import { markNew as m, shownValue } from "./placeholders.ts";

const typeName = (type: QuestionType) => QUESTION_TYPE_NAMES[type] ?? type;

const optionItems = (
  ctx: EditorContext,
  q: QuestionOf<"single" | "multiple" | "scenario">,
  path: string,
  noun: string,
) =>
  itemList(ctx, {
    path: `${path}.options`,
    title: "Options (tick the correct ones)",
    items: q.options,
    noun,
    min: 2,
    max: q.type === "scenario" ? 6 : 8,
    movable: true,
    addLabel: "Add option",
    make: () => newOption(q.options.length + 1, false),
    renderItem: (o, p) => [
      field({ label: "Option text", path: `${p}.text`, value: o.text }),
      checkbox({ label: "Correct", path: `${p}.correct`, checked: o.correct }),
      field({
        label: "Feedback for this option",
        path: `${p}.feedback`,
        value: o.feedback,
        multiline: true,
        rows: 2,
      }),
    ],
  });

function trueFalse(q: QuestionOf<"true-false">, path: string): Child {
  const name = idFor(`${path}.answer`);
  const radio = (value: "true" | "false", label: string) => {
    const id = `${name}-${value}`;
    const input = h("input", {
      id,
      type: "radio",
      name,
      value,
      "data-path": `${path}.answer`,
      "data-kind": "bool-radio",
    });
    input.checked = q.answer === (value === "true");
    return h("div", { class: "field field--check" }, input, h("label", { for: id, text: label }));
  };
  return [
    group(
      "fieldset",
      { path: `${path}.answer`, title: "The statement is", className: "sub-list" },
      radio("true", "True"),
      radio("false", "False"),
    ),
    field({
      label: "Feedback when the learner answers True",
      path: `${path}.feedback.true`,
      value: q.feedback?.true,
      multiline: true,
      rows: 2,
    }),
    field({
      label: "Feedback when the learner answers False",
      path: `${path}.feedback.false`,
      value: q.feedback?.false,
      multiline: true,
      rows: 2,
    }),
  ];
}

function likert(ctx: EditorContext, q: QuestionOf<"likert">, path: string): Child {
  return [
    itemList(ctx, {
      path: `${path}.scale`,
      title: "Scale labels, lowest first",
      items: q.scale,
      noun: "Scale point",
      min: 3,
      max: 7,
      movable: true,
      addLabel: "Add scale point",
      make: () => `Point ${q.scale.length + 1}`,
      renderItem: (label, p) => field({ label: "Label", path: p, value: label }),
    }),
    itemList(ctx, {
      path: `${path}.statements`,
      title: "Statements",
      items: q.statements,
      noun: "Statement",
      min: 2,
      max: 12,
      movable: true,
      addLabel: "Add statement",
      make: () => ({
        id: freshIn(new Set(q.statements.map((st) => st.id)), "s"),
        text: m("Another statement."),
      }),
      renderItem: (s, p) => [
        field({
          label: "Statement id",
          path: `${p}.id`,
          value: s.id,
          hint: "Lowercase letters, digits and hyphens.",
        }),
        field({ label: "Statement text", path: `${p}.text`, value: s.text }),
      ],
    }),
    itemList(ctx, {
      path: `${path}.bands`,
      title: "Profile bands (by average answer)",
      items: q.bands,
      noun: "Band",
      min: 1,
      max: 6,
      addLabel: "Add band",
      make: () => ({
        min: 1,
        max: q.scale.length,
        label: "Profile",
        text: m("What this profile means."),
      }),
      renderItem: (b, p) => [
        h(
          "div",
          { class: "inline-fields" },
          field({
            label: "From average",
            path: `${p}.min`,
            value: b.min,
            kind: "number",
            type: "number",
          }),
          field({
            label: "To average",
            path: `${p}.max`,
            value: b.max,
            kind: "number",
            type: "number",
          }),
        ),
        field({ label: "Band label", path: `${p}.label`, value: b.label }),
        field({ label: "Band text", path: `${p}.text`, value: b.text, multiline: true, rows: 2 }),
      ],
    }),
  ];
}

function typeFields(ctx: EditorContext, q: Question, path: string): Child {
  switch (q.type) {
    case "single":
    case "multiple":
      return optionItems(ctx, q, path, "Option");
    case "scenario":
      return [
        field({
          label: "Situation",
          path: `${path}.situation`,
          value: q.situation,
          multiline: true,
          rows: 4,
        }),
        optionItems(ctx, q, path, "Option"),
      ];
    case "true-false":
      return trueFalse(q, path);
    case "ordering":
      return itemList(ctx, {
        path: `${path}.items`,
        title: "Items, in the correct order",
        items: q.items,
        noun: "Item",
        min: 3,
        max: 8,
        movable: true,
        addLabel: "Add item",
        make: () => ({ text: m(`Step ${q.items.length + 1}`), feedback: m("Why it goes here.") }),
        renderItem: (it, p) => [
          field({ label: "Item text", path: `${p}.text`, value: it.text }),
          field({
            label: "Feedback",
            path: `${p}.feedback`,
            value: it.feedback,
            multiline: true,
            rows: 2,
          }),
        ],
      });
    case "matching":
      return itemList(ctx, {
        path: `${path}.pairs`,
        title: "Pairs",
        items: q.pairs,
        noun: "Pair",
        min: 2,
        max: 8,
        movable: true,
        addLabel: "Add pair",
        make: () => ({
          left: m(`Item ${q.pairs.length + 1}`),
          right: m(`Match ${q.pairs.length + 1}`),
          feedback: m("Why these belong together."),
        }),
        renderItem: (pair, p) => [
          field({ label: "Left item", path: `${p}.left`, value: pair.left }),
          field({ label: "Its match", path: `${p}.right`, value: pair.right }),
          field({
            label: "Feedback",
            path: `${p}.feedback`,
            value: pair.feedback,
            multiline: true,
            rows: 2,
          }),
        ],
      });
    case "likert":
      return likert(ctx, q, path);
    default: {
      // Only a draft saved by a newer Rapport could hold a type this script does not know.
      const unknown: { type: string } = q;
      return h("p", { class: "error", text: `Unknown question type "${unknown.type}".` });
    }
  }
}

/** The prompt part of a folded question's line; kept in step with the prompt as the author types. */
export const summaryText = (q: { prompt?: unknown }) =>
  `: ${shownValue(String(q.prompt ?? "")).slice(0, 80)}`;

function questionPanel(
  ctx: EditorContext,
  list: Question[],
  q: Question,
  path: string,
  i: number,
  listPath: string,
): HTMLDetailsElement {
  const label = `question ${i + 1}`;
  const details = h(
    "details",
    { class: "question", "data-path": path, "data-group": "", id: idFor(path, "q") },
    h(
      "summary",
      null,
      h("span", { text: `Question ${i + 1} · ${typeName(q.type)}` }),
      h("span", { class: "hint-count", "data-hint-count-for": path }),
      h("span", { "data-summary-for": path, text: summaryText(q) }),
    ),
    h(
      "div",
      { class: "question-body" },
      h("div", { class: "error-slot" }),
      h(
        "div",
        { class: "inline-fields" },
        field({
          label: "Question id",
          path: `${path}.id`,
          value: q.id,
          hint: "Made by Rapport and used in reports; change it only before the first publish.",
        }),
        h("p", { class: "meta", text: `Type: ${typeName(q.type)}` }),
      ),
      field({ label: "Prompt", path: `${path}.prompt`, value: q.prompt, multiline: true, rows: 2 }),
      typeFields(ctx, q, path),
      h(
        "div",
        { class: "row-actions" },
        button(
          "Move question up",
          {
            id: idFor(path, "up"),
            disabled: i === 0,
            onclick: () => ctx.moveItem(list, i, i - 1, listPath, label),
          },
          hidden(` (${label})`),
        ),
        button(
          "Move question down",
          {
            id: idFor(path, "down"),
            disabled: i === list.length - 1,
            onclick: () => ctx.moveItem(list, i, i + 1, listPath, label),
          },
          hidden(` (${label})`),
        ),
        button(
          "Remove question",
          {
            id: idFor(path, "remove"),
            class: "button button--danger button--small",
            onclick: async () => {
              const ok = await confirmAction({
                title: `Remove question ${i + 1}?`,
                message: `“${shownValue(String(q.prompt ?? "")).slice(0, 120)}” will be removed from the draft. Published versions and their reports keep it.`,
                confirmLabel: "Remove question",
              });
              if (!ok) return;
              ctx.structural(() => list.splice(i, 1), {
                focusId: idFor(listPath, "add"),
                announce: `Question ${i + 1} removed`,
              });
            },
          },
          hidden(` (${label})`),
        ),
      ),
    ),
  );
  // Open panels stay open across re-renders: remembered per question object, not per position.
  details.open = ctx.openQuestions.has(q);
  details.addEventListener("toggle", () => {
    if (details.open) ctx.openQuestions.add(q);
    else ctx.openQuestions.delete(q);
  });
  return details;
}

export interface QuestionListSpec {
  list: Question[];
  path: string;
  title: string;
  max: number;
  /** New questions' ids: `${idPrefix}-N`. */
  idPrefix: string;
  headingTag?: "h2" | "h3" | "h4";
}

/** A list of questions (a lesson's knowledge checks or the quiz) with an "add a question" row. */
export function questionList(
  ctx: EditorContext,
  { list, path, title, max, idPrefix, headingTag = "h3" }: QuestionListSpec,
): HTMLElement {
  const selectId = idFor(path, "type");
  const select = h(
    "select",
    { id: selectId },
    ctx.questionTypes.map((t) => h("option", { value: t, text: typeName(t) })),
  );
  const add = button("Add question", {
    id: idFor(path, "add"),
    disabled: list.length >= max,
    onclick: () =>
      ctx.structural(
        () => {
          const q = newQuestion(select.value, freshId(ctx.draft, idPrefix));
          ctx.openQuestions.add(q);
          list.push(q);
        },
        {
          focusId: idFor(`${path}.${list.length}.prompt`),
          announce: `Question ${list.length + 1} added`,
        },
      ),
  });
  return group(
    "section",
    { path, title, titleTag: headingTag, className: "question-list" },
    list.map((q, i) => questionPanel(ctx, list, q, `${path}.${i}`, i, path)),
    h(
      "div",
      { class: "add-row" },
      h(
        "div",
        { class: "field" },
        h("label", { for: selectId, text: "Type of new question" }),
        select,
      ),
      add,
    ),
  );
}
