import { z } from "zod";
import { seqSchema } from "./commit-seq.ts";
import {
  correctPatternProblem,
  correctResponsesMax,
  decimalProblem,
  durationProblem,
  durationSeconds,
  INTERACTION_TYPES,
  type InteractionType,
  interactionIdProblem,
  langStringProblem,
  learnerResponseProblem,
  RESULT_PATTERN,
  storedDecimalProblem,
  timeProblem,
} from "./scorm-value-formats.ts";

// What Rapport stores from a SCORM 2004 commit. Each value must be one the player can be
// preloaded with again (scorm-value-formats.ts), or the learner could never resume: a commit
// with any other value is refused whole, naming the field, and changes nothing.
// Values arrive as strings (scorm-again sends the CMI model as strings); anything else is refused.
export const SUSPEND_DATA_MAX = 64_000;
export const LOCATION_MAX = 1_000;
export const INTERACTIONS_MAX = 250;

const str = (max: number) =>
  z
    .string({ error: "must be a string" })
    .max(max, `must be at most ${max.toLocaleString("en")} characters`);
const vocab = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `must be one of: ${values.map((v) => v || '""').join(", ")}` });
/** A string checked by one of scorm-value-formats' rules; "" means "not set" and is always fine. */
const formatted = (max: number, problem: (v: string) => string | null) =>
  z.string({ error: "must be a string" }).superRefine((v, ctx) => {
    if (v === "") return;
    const message =
      problem(v) ??
      (v.length > max ? `must be at most ${max.toLocaleString("en")} characters` : null);
    if (message) ctx.addIssue({ code: "custom", message });
  });
const known = (type: string): type is InteractionType =>
  (INTERACTION_TYPES as readonly string[]).includes(type);

const interactionType = vocab(["", ...INTERACTION_TYPES]);

const RESULT_PROBLEM =
  "must be correct, incorrect, unanticipated, neutral or a number (at most 4 digits before the point)";

/** An interaction's one-line values and their formats; "" means "not set". */
const INTERACTION_FORMATS: [field: string, max: number, problem: (v: string) => string | null][] = [
  ["id", 4000, interactionIdProblem],
  ["result", 40, (v) => (RESULT_PATTERN.test(v) ? null : RESULT_PROBLEM)],
  ["latency", 1000, durationProblem],
  ["description", 250, (v) => langStringProblem(v, 250)],
  ["timestamp", 64, timeProblem],
  ["weighting", 40, decimalProblem],
];

const interaction = z
  .object({
    id: z.string({ error: "must be a string" }).min(1, "must not be empty"),
    type: interactionType.default(""),
    learner_response: str(4000).default(""),
    result: z.string({ error: "must be a string" }).default(""),
    latency: z.string({ error: "must be a string" }).default(""),
    description: z.string({ error: "must be a string" }).default(""),
    timestamp: z.string({ error: "must be a string" }).default(""),
    weighting: z.string({ error: "must be a string" }).default(""),
    correct_responses: z
      .record(z.string().regex(/^\d+$/, "keys must be indexes"), z.object({ pattern: str(4000) }))
      .default({})
      .refine((r) => Object.keys(r).length <= 20, { message: "at most 20 correct responses" }),
    objectives: z.unknown().optional(),
  })
  // One check per interaction rather than one per value: every zod check has a fixed cost, and
  // a commit carries many interactions. Responses are read by the interaction's type, so they
  // are checked here too, once the type is known.
  .superRefine((i, ctx) => {
    const values = i as unknown as Record<string, string>;
    for (const [field, max, problem] of INTERACTION_FORMATS) {
      const v = values[field] ?? "";
      if (v === "") continue;
      const message =
        problem(v) ??
        (v.length > max ? `must be at most ${max.toLocaleString("en")} characters` : null);
      if (message) ctx.addIssue({ code: "custom", path: [field], message });
    }
    if (!known(i.type)) {
      if (i.learner_response !== "")
        ctx.addIssue({
          code: "custom",
          path: ["learner_response"],
          message: "needs the interaction's type",
        });
      if (Object.keys(i.correct_responses).length > 0)
        ctx.addIssue({
          code: "custom",
          path: ["correct_responses"],
          message: "need the interaction's type",
        });
      return;
    }
    const response =
      i.learner_response === "" ? null : learnerResponseProblem(i.type, i.learner_response);
    if (response) ctx.addIssue({ code: "custom", path: ["learner_response"], message: response });
    const keys = Object.keys(i.correct_responses);
    const most = correctResponsesMax(i.type);
    if (keys.length > most)
      ctx.addIssue({
        code: "custom",
        path: ["correct_responses"],
        message: `at most ${most} correct response${most === 1 ? "" : "s"} for ${i.type}`,
      });
    const seen = new Set<string>();
    for (const key of keys) {
      const pattern = i.correct_responses[key]?.pattern ?? "";
      const message = seen.has(pattern)
        ? "repeats another correct response"
        : correctPatternProblem(i.type, pattern);
      seen.add(pattern);
      if (message)
        ctx.addIssue({ code: "custom", path: ["correct_responses", key, "pattern"], message });
    }
  });

/**
 * scorm-again sends collections as objects keyed "0", "1", …; arrays are accepted as well (read
 * as such an object first, so a bad entry is named by its own path, not "must be a list").
 */
const collection = <T extends z.ZodType>(item: T) =>
  z
    .preprocess(
      (c) => (Array.isArray(c) ? Object.fromEntries(c.map((x, i) => [String(i), x])) : c),
      z.record(z.string().regex(/^\d+$/, "keys must be indexes"), item, {
        error: "must be a list",
      }),
    )
    .transform((c) =>
      Object.keys(c)
        .sort((a, b) => Number(a) - Number(b))
        .map((k) => c[k] as z.infer<T>),
    )
    .refine((list) => list.length <= INTERACTIONS_MAX, {
      message: `at most ${INTERACTIONS_MAX} entries`,
    });

export const cmiSchema = z.object({
  completion_status: vocab(["completed", "incomplete", "not attempted", "unknown"]).default(
    "unknown",
  ),
  success_status: vocab(["passed", "failed", "unknown"]).default("unknown"),
  score: z
    .object({
      scaled: formatted(40, (v) => storedDecimalProblem(v, -1, 1)).default(""),
      raw: formatted(40, (v) => storedDecimalProblem(v)).default(""),
      min: formatted(40, decimalProblem).default(""),
      max: formatted(40, decimalProblem).default(""),
    })
    .default({ scaled: "", raw: "", min: "", max: "" }),
  progress_measure: formatted(40, (v) => storedDecimalProblem(v, 0, 1)).default(""),
  // Optional, not defaulted: a commit that leaves them out must not blank what is stored.
  location: str(LOCATION_MAX).optional(),
  suspend_data: str(SUSPEND_DATA_MAX).optional(),
  session_time: formatted(1000, durationProblem).default(""),
  exit: vocab(["", "time-out", "suspend", "logout", "normal"]).default(""),
  interactions: collection(interaction).optional(),
});

export const commitSchema = z.object({
  seq: seqSchema,
  /** A browser-session id: total time sums the longest session_time of each session. */
  session: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,64}$/, "must be 8-64 letters, digits, - or _")
    .optional(),
  cmi: cmiSchema,
});

export type CommitInput = z.infer<typeof commitSchema>;
export type CmiInput = z.infer<typeof cmiSchema>;

export { durationSeconds };
