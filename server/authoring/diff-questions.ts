import type { ModuleContent, Question } from "../content/module-schema.ts";
import { QUESTION_TYPE_NAMES } from "../content/question-type-names.ts";
import { type DiffPart, diffText, type LessonChange } from "./diff-lessons.ts";

// What changed in a module's questions and settings between two versions. Each question (and
// the module's settings) is read as a list of labelled fields — "Prompt", "Option 2",
// "Option 2 is correct", "Feedback for True" — and fields with the same label are compared, so
// every question type is covered by one rule and an author reads the change in their own terms.
// Word diffs share the comparison's deadline with the lessons' (see diff-lessons.ts).

export interface FieldDiff {
  label: string;
  status: Exclude<LessonChange, "unchanged">;
  parts: DiffPart[];
}

export interface QuestionDiff {
  id: string;
  /** Where the question sits in the newer version (the older one for a removed question). */
  where: string;
  /** Set when the question moved (to another lesson, or between a lesson and the quiz). */
  previousWhere?: string;
  status: LessonChange;
  /** The prompt, to name the question by. */
  prompt: string;
  fields: FieldDiff[];
}

type Fields = [label: string, value: string][];

export function diffQuestions(
  before: ModuleContent,
  after: ModuleContent,
  deadline: number,
): QuestionDiff[] {
  const old = new Map(placed(before).map((p) => [p.question.id, p]));
  const now = placed(after);
  const kept = new Set(now.map((p) => p.question.id));
  const rows = now.map(({ question, where }): QuestionDiff => {
    const was = old.get(question.id);
    const fields = compareFields(
      was ? questionFields(was.question) : [],
      questionFields(question),
      deadline,
    );
    const moved = was && was.where !== where;
    const status: LessonChange = !was
      ? "added"
      : fields.length > 0 || moved
        ? "changed"
        : "unchanged";
    return {
      id: question.id,
      where,
      ...(moved ? { previousWhere: was.where } : {}),
      status,
      prompt: question.prompt,
      fields,
    };
  });
  for (const { question, where } of placed(before)) {
    if (kept.has(question.id)) continue;
    rows.push({
      id: question.id,
      where,
      status: "removed",
      prompt: question.prompt,
      fields: compareFields(questionFields(question), [], deadline),
    });
  }
  return rows;
}

/** The module's own fields, reflections and worksheet: only those that changed. */
export function diffSettings(
  before: ModuleContent,
  after: ModuleContent,
  deadline: number,
): FieldDiff[] {
  return compareFields(settingsFields(before), settingsFields(after), deadline);
}

function placed(content: ModuleContent): { question: Question; where: string }[] {
  const all: { question: Question; where: string }[] = [];
  content.lessons.forEach((lesson, li) => {
    // Versions stored before checks were required may lack the list.
    (lesson.checks ?? []).forEach((question, qi) => {
      all.push({
        question,
        where: `Lesson ${li + 1} (“${lesson.title}”), knowledge check ${qi + 1}`,
      });
    });
  });
  content.quiz.forEach((question, qi) => {
    all.push({ question, where: `Final quiz, question ${qi + 1}` });
  });
  return all;
}

function questionFields(q: Question): Fields {
  const rows: Fields = [
    ["Type", QUESTION_TYPE_NAMES[q.type]],
    ["Prompt", q.prompt],
  ];
  const options = (list: { text: string; correct: boolean; feedback: string }[]) => {
    list.forEach((o, i) => {
      rows.push(
        [`Option ${i + 1}`, o.text],
        [`Option ${i + 1} is correct`, o.correct ? "yes" : "no"],
        [`Option ${i + 1} feedback`, o.feedback],
      );
    });
  };
  switch (q.type) {
    case "single":
    case "multiple":
      options(q.options);
      break;
    case "scenario":
      rows.push(["Situation", q.situation]);
      options(q.options);
      break;
    case "true-false":
      rows.push(
        ["Answer", q.answer ? "True" : "False"],
        ["Feedback for True", q.feedback.true],
        ["Feedback for False", q.feedback.false],
      );
      break;
    case "ordering":
      q.items.forEach((item, i) => {
        rows.push([`Item ${i + 1}`, item.text], [`Item ${i + 1} feedback`, item.feedback]);
      });
      break;
    case "matching":
      q.pairs.forEach((pair, i) => {
        rows.push(
          [`Pair ${i + 1}`, `${pair.left} → ${pair.right}`],
          [`Pair ${i + 1} feedback`, pair.feedback],
        );
      });
      break;
    case "likert":
      rows.push(["Scale", q.scale.join(" · ")]);
      for (const s of q.statements) rows.push([`Statement “${s.id}”`, s.text]);
      q.bands.forEach((band, i) => {
        rows.push(
          [`Band ${i + 1}`, `${band.min}–${band.max}: ${band.label}`],
          [`Band ${i + 1} text`, band.text],
        );
      });
      break;
  }
  return rows;
}

function settingsFields(c: ModuleContent): Fields {
  const rows: Fields = [
    ["Title", c.title],
    ["Slug", c.slug],
    ["Summary", c.summary],
    ["Topics", c.topics.join(", ")],
    ["Minutes", String(c.minutes)],
    ["Pass mark (%)", String(c.passMark)],
  ];
  for (const r of c.reflections ?? []) rows.push([`Reflection “${r.id}”`, r.prompt]);
  if (c.worksheet) {
    rows.push(["Worksheet title", c.worksheet.title], ["Worksheet text", c.worksheet.markdown]);
  }
  return rows;
}

/** Fields in the newer order, then the ones that are gone; unchanged fields are left out. */
function compareFields(before: Fields, after: Fields, deadline: number): FieldDiff[] {
  const old = new Map(before);
  const out: FieldDiff[] = [];
  for (const [label, value] of after) {
    const was = old.get(label);
    if (was === undefined) out.push({ label, status: "added", parts: [{ value, added: true }] });
    else if (was !== value) {
      out.push({ label, status: "changed", parts: diffText(was, value, deadline).parts });
    }
  }
  const now = new Set(after.map(([label]) => label));
  for (const [label, value] of before) {
    if (!now.has(label)) out.push({ label, status: "removed", parts: [{ value, removed: true }] });
  }
  return out;
}
