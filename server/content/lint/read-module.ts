// The linter reads what the editor holds while an author types, which may not pass the schema
// yet: a field may be missing, empty or of the wrong type. This turns any such value into one
// predictable shape (missing text is "", missing lists are []) and remembers where each piece
// came from, as the path a zod issue would use, so every hint can point at its field.

export type Path = (string | number)[];

export interface LintOption {
  text: string;
  correct: boolean;
  feedback: string;
}

export interface LintQuestion {
  id: string;
  type: string;
  /** Where the question sits: ["quiz", 3] or ["lessons", 0, "checks", 1]. */
  path: Path;
  /** "quiz" or "check", for messages. */
  place: "quiz" | "check";
  prompt: string;
  situation: string;
  options: LintOption[];
  answer: boolean | null;
  /** True/false feedback, by the answer it follows. */
  verdicts: { true: string; false: string } | null;
  items: { text: string; feedback: string }[];
  pairs: { left: string; right: string; feedback: string }[];
  /** Likert texts, only read for leftover template text. */
  likert: { scale: string[]; statements: string[]; bands: { label: string; text: string }[] };
}

export interface LintLesson {
  title: string;
  markdown: string;
  path: Path;
}

export interface LintModule {
  title: string;
  summary: string;
  lessons: LintLesson[];
  questions: LintQuestion[];
  reflections: { prompt: string; path: Path }[];
  worksheet: { title: string; markdown: string } | null;
}

type Loose = Record<string, unknown>;

const record = (v: unknown): Loose =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Loose) : {};
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string => (typeof v === "string" ? v : "");

function readQuestion(raw: unknown, path: Path, place: "quiz" | "check"): LintQuestion {
  const q = record(raw);
  const feedback = record(q.feedback);
  return {
    id: str(q.id),
    type: str(q.type),
    path,
    place,
    prompt: str(q.prompt),
    situation: str(q.situation),
    options: list(q.options).map((o) => {
      const r = record(o);
      return { text: str(r.text), correct: r.correct === true, feedback: str(r.feedback) };
    }),
    answer: typeof q.answer === "boolean" ? q.answer : null,
    verdicts:
      q.type === "true-false" ? { true: str(feedback.true), false: str(feedback.false) } : null,
    items: list(q.items).map((i) => ({
      text: str(record(i).text),
      feedback: str(record(i).feedback),
    })),
    pairs: list(q.pairs).map((p) => {
      const r = record(p);
      return { left: str(r.left), right: str(r.right), feedback: str(r.feedback) };
    }),
    likert: {
      scale: list(q.scale).map(str),
      statements: list(q.statements).map((s) => str(record(s).text)),
      bands: list(q.bands).map((b) => ({ label: str(record(b).label), text: str(record(b).text) })),
    },
  };
}

/** Reads module content (valid or not) into the shape the rules work on. Never throws. */
export function readModule(content: unknown): LintModule {
  const m = record(content);
  const lessons = list(m.lessons).map((l, i) => ({ raw: record(l), i }));
  const questions: LintQuestion[] = [];
  for (const { raw, i } of lessons) {
    list(raw.checks).forEach((q, j) => {
      questions.push(readQuestion(q, ["lessons", i, "checks", j], "check"));
    });
  }
  list(m.quiz).forEach((q, j) => {
    questions.push(readQuestion(q, ["quiz", j], "quiz"));
  });
  const worksheet = record(m.worksheet);
  return {
    title: str(m.title),
    summary: str(m.summary),
    lessons: lessons.map(({ raw, i }) => ({
      title: str(raw.title),
      markdown: str(raw.markdown),
      path: ["lessons", i],
    })),
    questions,
    reflections: list(m.reflections).map((r, i) => ({
      prompt: str(record(r).prompt),
      path: ["reflections", i],
    })),
    worksheet: m.worksheet
      ? { title: str(worksheet.title), markdown: str(worksheet.markdown) }
      : null,
  };
}

/** How a question is named in messages: 'quiz question "two-sides"'. */
export function nameOf(q: LintQuestion): string {
  const what = q.place === "quiz" ? "quiz question" : "knowledge check";
  return q.id ? `${what} "${q.id}"` : what;
}

export const isChoice = (q: LintQuestion) =>
  q.type === "single" || q.type === "scenario" || q.type === "multiple";
