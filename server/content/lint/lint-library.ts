// What only the whole library shows: the same question asked in two modules, and the figures
// behind the length and true/false rules, counted over every module.
import { duplicatesAcross } from "./duplicate-rules.ts";
import type { Hint } from "./hint.ts";
import { lengthRank } from "./module-rules.ts";
import { readModule } from "./read-module.ts";

export interface LibraryHint {
  slug: string;
  hint: Hint;
}

/**
 * Questions that ask much the same as a question of a module listed before theirs (modules
 * in the order given). Within one module, lintModule already reports them.
 */
export function lintLibrary(modules: readonly { slug: string }[]): LibraryHint[] {
  const read = modules.map((m) => ({ slug: m.slug, q: readModule(m).questions }));
  return read.flatMap((m, i) =>
    read.slice(0, i).flatMap((earlier) =>
      duplicatesAcross(m.q, earlier.q, `module "${earlier.slug}"`).map((hint) => ({
        slug: m.slug,
        hint,
      })),
    ),
  );
}

export interface AssessmentStats {
  /** Single-choice and scenario questions, knowledge checks included. */
  choice: number;
  correctLongest: number;
  correctShortest: number;
  trueFalse: number;
  trueAnswers: number;
  multiple: number;
  /** Multiple-choice questions with exactly one wrong option. */
  multipleOneWrong: number;
}

/** The figures issue #14 measured, over any number of modules. */
export function assessmentStats(modules: readonly unknown[]): AssessmentStats {
  const questions = modules.flatMap((m) => readModule(m).questions);
  const ranks = questions.map(lengthRank).filter((r) => r !== null);
  const tf = questions.filter((q) => q.type === "true-false");
  const multiple = questions.filter((q) => q.type === "multiple");
  return {
    choice: ranks.length,
    correctLongest: ranks.filter((r) => r === "longest").length,
    correctShortest: ranks.filter((r) => r === "shortest").length,
    trueFalse: tf.length,
    trueAnswers: tf.filter((q) => q.answer === true).length,
    multiple: multiple.length,
    multipleOneWrong: multiple.filter((q) => q.options.filter((o) => !o.correct).length === 1)
      .length,
  };
}
