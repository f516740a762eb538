import { answerFits, type GradedQuestion, isCorrect, LETTERS } from "./grade-answer.ts";

// What views/review/question.ejs renders: the player's question components (same classes, same
// hints, same feedback wording as public/sco/sco.js) as a plain HTML form, with the learner's
// answer and the per-option feedback once answered.

export interface Mark {
  ok: boolean;
  text: string;
}

export interface QuestionView {
  id: string;
  type: GradedQuestion["type"];
  prompt: string;
  situation: string | null;
  hint: string | null;
  answered: boolean;
  verdict: Mark | null;
  choices: {
    inputType: "radio" | "checkbox";
    row: boolean;
    options: { value: string; text: string; checked: boolean; mark: Mark | null }[];
    /** True/false feedback sits under both options, as in the player. */
    mark: Mark | null;
  } | null;
  ordering: {
    positions: number[];
    items: { letter: string; text: string; position: number | null; mark: Mark | null }[];
  } | null;
  matching: {
    rights: { letter: string; text: string }[];
    rows: { index: number; left: string; selected: string; mark: Mark | null }[];
  } | null;
}

const HINTS: Partial<Record<GradedQuestion["type"], string>> = {
  multiple: "Choose all that apply.",
  ordering: "Give each item its position, 1 for the first step.",
  matching: "Choose the match for each item.",
};

/** A stable shuffle (never the right order) so the same card shows the same way on reload. */
export function shuffledLetters(count: number, seed: string): string {
  let hash = 2166136261;
  for (const ch of seed) hash = Math.imul(hash ^ ch.charCodeAt(0), 16777619) >>> 0;
  const order = Array.from({ length: count }, (_, i) => i);
  for (let i = count - 1; i > 0; i--) {
    hash = Math.imul(hash ^ (hash >>> 15), 2246822507) >>> 0;
    const j = hash % (i + 1);
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  if (order.every((v, i) => v === i)) order.push(order.shift() as number);
  return order.map((i) => LETTERS[i]).join("");
}

/**
 * `answer` is the learner's answer once given (feedback shown), or a draft to refill the form
 * after an incomplete submit; `seed` fixes the ordering question's starting order.
 */
export function presentQuestion(
  q: GradedQuestion,
  opts: { answer?: string | null; answered: boolean; seed: string },
): QuestionView {
  const raw = opts.answer ?? "";
  const answered = opts.answered && answerFits(q, raw);
  const answer = answered || answerFits(q, raw) ? raw : "";
  const ok = answered ? isCorrect(q, answer) : false;
  const view: QuestionView = {
    id: q.id,
    type: q.type,
    prompt: q.prompt,
    situation: q.type === "scenario" ? q.situation : null,
    hint: HINTS[q.type] ?? null,
    answered,
    verdict: answered
      ? {
          ok,
          text: ok ? "Correct." : "Not quite. The feedback under each answer explains why.",
        }
      : null,
    choices: null,
    ordering: null,
    matching: null,
  };
  if (q.type === "true-false") {
    const said = answer === "t";
    view.choices = {
      inputType: "radio",
      row: true,
      options: [
        { value: "t", text: "True", checked: answer === "t", mark: null },
        { value: "f", text: "False", checked: answer === "f", mark: null },
      ],
      mark: answered
        ? {
            ok: said === q.answer,
            text: `The statement is ${q.answer ? "true" : "false"}. ${q.feedback[said ? "true" : "false"]}`,
          }
        : null,
    };
  } else if (q.type === "ordering") {
    const n = q.items.length;
    const order = answered ? answer : shuffledLetters(n, opts.seed);
    view.ordering = {
      positions: Array.from({ length: n }, (_, i) => i + 1),
      items: [...order].map((letter, position) => {
        const right = LETTERS.indexOf(letter);
        const item = q.items[right];
        const chosen = !answered && answer ? answer.indexOf(letter) + 1 : null;
        return {
          letter,
          text: item?.text ?? "",
          position: answered ? position + 1 : chosen,
          mark: answered
            ? {
                ok: right === position,
                text: `${right === position ? "In the right place. " : `Belongs at position ${right + 1}. `}${item?.feedback ?? ""}`,
              }
            : null,
        };
      }),
    };
  } else if (q.type === "matching") {
    const rights = q.pairs.map((p, i) => ({ letter: LETTERS[i] ?? "", text: p.right }));
    rights.sort((a, b) => a.text.localeCompare(b.text, "en"));
    view.matching = {
      rights,
      rows: q.pairs.map((pair, i) => {
        const selected = answer[i] && answer[i] !== "-" ? (answer[i] as string) : "";
        const match = selected === LETTERS[i];
        return {
          index: i + 1,
          left: pair.left,
          selected,
          mark: answered
            ? {
                ok: match,
                text: `${match ? "Correct match. " : `The match is: ${pair.right}. `}${pair.feedback}`,
              }
            : null,
        };
      }),
    };
  } else {
    view.choices = {
      inputType: q.type === "multiple" ? "checkbox" : "radio",
      row: false,
      mark: null,
      options: q.options.map((option, i) => {
        const value = LETTERS[i] ?? "";
        const chosen = answer.includes(value);
        const verdict = chosen ? "Your choice is " : "This is ";
        return {
          value,
          text: option.text,
          checked: chosen,
          mark: answered
            ? {
                ok: option.correct,
                text: `${verdict}${option.correct ? "" : "not "}correct. ${option.feedback}`,
              }
            : null,
        };
      }),
    };
  }
  return view;
}
