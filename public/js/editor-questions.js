// The question editor: one collapsible panel per question, with the fields of its type as the
// content schema (server/content/module-schema.ts) defines them. New questions start filled with
// valid placeholder text, so adding one never blocks saving the rest of the module.
import { button, checkbox, field, group, h, hidden, idFor } from "./editor-dom.js";
import { itemList } from "./editor-lists.js";
import { freshId } from "./editor-paths.js";

export const TYPE_LABELS = {
  single: "Single choice",
  multiple: "Multiple choice",
  "true-false": "True or false",
  ordering: "Ordering",
  matching: "Matching",
  scenario: "Scenario",
  likert: "Likert self-assessment",
};

const option = (n, correct) => ({
  text: `Option ${n}`,
  correct,
  feedback: "Explain why this option is or is not right.",
});

/** A valid question of `type`, for the author to rewrite. */
export function newQuestion(type, id) {
  const prompt = "Write the question here.";
  switch (type) {
    case "multiple":
      return { id, type, prompt, options: [option(1, true), option(2, true), option(3, false)] };
    case "true-false":
      return {
        id,
        type,
        prompt: "Write a statement that is true or false.",
        answer: true,
        feedback: { true: "Feedback for True.", false: "Feedback for False." },
      };
    case "ordering":
      return {
        id,
        type,
        prompt: "Put these steps in order.",
        items: [1, 2, 3].map((n) => ({ text: `Step ${n}`, feedback: `Step ${n} comes here.` })),
      };
    case "matching":
      return {
        id,
        type,
        prompt: "Match each item to its partner.",
        pairs: [1, 2].map((n) => ({ left: `Item ${n}`, right: `Match ${n}`, feedback: "Why." })),
      };
    case "scenario":
      return {
        id,
        type,
        prompt: "What would you do?",
        situation: "Describe the situation the learner faces.",
        options: [option(1, true), option(2, false)],
      };
    case "likert":
      return {
        id,
        type,
        prompt: "How often do you do this?",
        scale: ["Rarely", "Sometimes", "Often"],
        statements: [
          { id: "s-1", text: "First statement." },
          { id: "s-2", text: "Second statement." },
        ],
        bands: [
          { min: 1, max: 2, label: "Growing", text: "What this profile means." },
          { min: 2, max: 3, label: "Strong", text: "What this profile means." },
        ],
      };
    default:
      return { id, type: "single", prompt, options: [option(1, true), option(2, false)] };
  }
}

const optionItems = (ctx, q, path, noun) =>
  itemList(ctx, {
    path: `${path}.options`,
    title: "Options (tick the correct ones)",
    items: q.options,
    noun,
    min: 2,
    max: q.type === "scenario" ? 6 : 8,
    movable: true,
    addLabel: "Add option",
    make: () => option(q.options.length + 1, false),
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

function trueFalse(q, path) {
  const name = idFor(`${path}.answer`);
  const radio = (value, label) => {
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

function likert(ctx, q, path) {
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
      make: () => ({ id: `s-${q.statements.length + 1}`, text: "Another statement." }),
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
        text: "What this profile means.",
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

function typeFields(ctx, q, path) {
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
        make: () => ({ text: `Step ${q.items.length + 1}`, feedback: "Why it goes here." }),
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
          left: `Item ${q.pairs.length + 1}`,
          right: `Match ${q.pairs.length + 1}`,
          feedback: "Why.",
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
    default:
      return h("p", { class: "error", text: `Unknown question type "${q.type}".` });
  }
}

/** The summary line of a collapsed question; kept in step with its prompt as the author types. */
export const summaryText = (q, i) =>
  `Question ${i + 1} · ${TYPE_LABELS[q.type] ?? q.type}: ${String(q.prompt ?? "").slice(0, 80)}`;

function questionPanel(ctx, list, q, path, i, listPath) {
  const label = `question ${i + 1}`;
  const details = h(
    "details",
    { class: "question", "data-path": path, "data-group": "", id: idFor(path, "q") },
    h("summary", { "data-summary-for": path, text: summaryText(q, i) }),
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
          hint: "Used in reports; lowercase letters, digits and hyphens.",
        }),
        h("p", { class: "meta", text: `Type: ${TYPE_LABELS[q.type] ?? q.type}` }),
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
            class: "button button--danger button--small",
            onclick: () =>
              ctx.structural(() => list.splice(i, 1), {
                focusId: idFor(listPath, "add"),
                announce: `Question ${i + 1} removed`,
              }),
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

/** A list of questions (a lesson's knowledge checks or the quiz) with an "add a question" row. */
export function questionList(ctx, { list, path, title, max, idPrefix, headingTag = "h3" }) {
  const selectId = idFor(path, "type");
  const select = h(
    "select",
    { id: selectId },
    ctx.questionTypes.map((t) => h("option", { value: t, text: TYPE_LABELS[t] ?? t })),
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
