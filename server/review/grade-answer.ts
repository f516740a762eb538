import { LETTERS } from "../content/answer-encoding.ts";
import type { Question } from "../content/module-schema.ts";

// The review grades with the player's own answer encoding (server/content/answer-encoding.ts), so
// an answer reads the same in a module and in a review; this file adds reading a review form.
export { isCorrect, isGraded, LETTERS } from "../content/answer-encoding.ts";

export type GradedQuestion = Exclude<Question, { type: "likert" }>;

type FormBody = Record<string, unknown>;

const values = (v: unknown): string[] =>
  Array.isArray(v)
    ? v.filter((x): x is string => typeof x === "string")
    : typeof v === "string"
      ? [v]
      : [];

export type ParsedAnswer = { answer: string } | { error: string };

/** A review form's fields → the answer string, or what is missing. Anything malformed is refused. */
export function answerFromForm(q: GradedQuestion, body: FormBody): ParsedAnswer {
  switch (q.type) {
    case "single":
    case "scenario": {
      const [only, ...rest] = values(body.answer);
      if (!only || rest.length) return { error: "Choose an answer first." };
      if (!LETTERS.slice(0, q.options.length).includes(only) || only.length !== 1)
        return { error: "Choose one of the answers shown." };
      return { answer: only };
    }
    case "multiple": {
      const chosen = [...new Set(values(body.answer))];
      if (chosen.length === 0) return { error: "Choose at least one answer first." };
      const allowed = LETTERS.slice(0, q.options.length);
      if (chosen.some((c) => c.length !== 1 || !allowed.includes(c)))
        return { error: "Choose from the answers shown." };
      return { answer: chosen.sort().join("") };
    }
    case "true-false": {
      const [only, ...rest] = values(body.answer);
      if (!only || rest.length) return { error: "Choose True or False first." };
      if (only !== "t" && only !== "f") return { error: "Choose True or False." };
      return { answer: only };
    }
    case "ordering": {
      const n = q.items.length;
      const atPosition: string[] = Array(n).fill("");
      for (let i = 0; i < n; i++) {
        const letter = LETTERS[i] ?? "";
        const [raw, ...rest] = values(body[`pos-${letter}`]);
        const position = Number(raw);
        if (!raw || rest.length || !Number.isInteger(position) || position < 1 || position > n)
          return { error: "Give every item a position." };
        if (atPosition[position - 1]) return { error: "Give each item a different position." };
        atPosition[position - 1] = letter;
      }
      return { answer: atPosition.join("") };
    }
    case "matching": {
      const allowed = LETTERS.slice(0, q.pairs.length);
      let answer = "";
      for (let i = 0; i < q.pairs.length; i++) {
        const [raw, ...rest] = values(body[`match-${i + 1}`]);
        if (!raw || rest.length) return { error: "Choose a match for every item." };
        if (raw.length !== 1 || !allowed.includes(raw))
          return { error: "Choose from the matches shown." };
        answer += raw;
      }
      return { answer };
    }
  }
}

/** Whether a stored answer string fits the question as it is now (it may have changed since). */
export function answerFits(q: GradedQuestion, answer: string): boolean {
  const n =
    q.type === "true-false"
      ? 2
      : q.type === "ordering"
        ? q.items.length
        : q.type === "matching"
          ? q.pairs.length
          : q.options.length;
  if (q.type === "true-false") return answer === "t" || answer === "f";
  if (q.type === "ordering" || q.type === "matching") return answer.length === n;
  return answer.length > 0 && [...answer].every((c) => LETTERS.slice(0, n).includes(c));
}

/** Words a learner reads to answer: what "a quick answer" means scales with it. */
export function wordsToRead(q: GradedQuestion): number {
  const texts: string[] = [q.prompt];
  if (q.type === "scenario") texts.push(q.situation);
  if (q.type === "single" || q.type === "multiple" || q.type === "scenario")
    texts.push(...q.options.map((o) => o.text));
  if (q.type === "ordering") texts.push(...q.items.map((i) => i.text));
  if (q.type === "matching") texts.push(...q.pairs.flatMap((p) => [p.left, p.right]));
  return texts.join(" ").split(/\s+/).filter(Boolean).length;
}
