import { z } from "zod";

// What Rapport stores from a SCORM 2004 commit, checked the way the standard defines each value.
// Values arrive as strings (scorm-again sends the CMI model as strings); anything else is refused.
export const SUSPEND_DATA_MAX = 64_000;
export const LOCATION_MAX = 1_000;
export const INTERACTIONS_MAX = 250;

const ISO_DURATION =
  /^P(?!$)(\d+(\.\d+)?Y)?(\d+(\.\d+)?M)?(\d+(\.\d+)?D)?(T(?=\d)(\d+(\.\d+)?H)?(\d+(\.\d+)?M)?(\d+(\.\d+)?S)?)?$/;
const ISO_TIME =
  /^\d{4}(-\d{2}(-\d{2}(T\d{2}(:\d{2}(:\d{2}(\.\d{1,2})?)?)?(Z|[+-]\d{2}(:\d{2})?)?)?)?)?$/;
const REAL = /^-?\d+(\.\d+)?$/;

const str = (max: number) =>
  z
    .string({ error: "must be a string" })
    .max(max, `must be at most ${max.toLocaleString("en")} characters`);
const real = (min: number, max: number) =>
  z
    .string({ error: "must be a string" })
    .refine((v) => v === "" || (REAL.test(v) && Number(v) >= min && Number(v) <= max), {
      message: `must be a number from ${min} to ${max}`,
    });
const anyReal = z.string({ error: "must be a string" }).refine((v) => v === "" || REAL.test(v), {
  message: "must be a number",
});
const vocab = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `must be one of: ${values.map((v) => v || '""').join(", ")}` });
const duration = z
  .string({ error: "must be a string" })
  .refine((v) => v === "" || ISO_DURATION.test(v), {
    message: "must be an ISO 8601 duration like PT1M30S",
  });

const interaction = z.object({
  id: z.string({ error: "must be a string" }).min(1, "must not be empty").max(4000),
  type: vocab([
    "",
    "true-false",
    "choice",
    "fill-in",
    "long-fill-in",
    "likert",
    "matching",
    "performance",
    "sequencing",
    "numeric",
    "other",
  ]).default(""),
  learner_response: str(4000).default(""),
  result: z
    .string({ error: "must be a string" })
    .refine(
      (v) => ["", "correct", "incorrect", "unanticipated", "neutral"].includes(v) || REAL.test(v),
      {
        message: "must be correct, incorrect, unanticipated, neutral or a number",
      },
    )
    .default(""),
  latency: duration.default(""),
  description: str(250).default(""),
  timestamp: z
    .string({ error: "must be a string" })
    .refine((v) => v === "" || ISO_TIME.test(v), { message: "must be an ISO 8601 time" })
    .default(""),
  weighting: anyReal.default(""),
  correct_responses: z
    .record(z.string(), z.object({ pattern: str(4000) }))
    .default({})
    .refine((r) => Object.keys(r).length <= 20, { message: "at most 20 correct responses" }),
  objectives: z.unknown().optional(),
});

/** scorm-again sends collections as objects keyed "0", "1", …; arrays are accepted as well. */
const collection = <T extends z.ZodType>(item: T) =>
  z
    .union([z.array(item), z.record(z.string().regex(/^\d+$/, "keys must be indexes"), item)], {
      error: "must be a list",
    })
    .transform((c) =>
      Array.isArray(c)
        ? c
        : Object.keys(c)
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
      scaled: real(-1, 1).default(""),
      raw: anyReal.default(""),
      min: anyReal.default(""),
      max: anyReal.default(""),
    })
    .default({ scaled: "", raw: "", min: "", max: "" }),
  progress_measure: real(0, 1).default(""),
  // Optional, not defaulted: a commit that leaves them out must not blank what is stored.
  location: str(LOCATION_MAX).optional(),
  suspend_data: str(SUSPEND_DATA_MAX).optional(),
  session_time: duration.default(""),
  exit: vocab(["", "time-out", "suspend", "logout", "normal"]).default(""),
  interactions: collection(interaction).optional(),
});

export const commitSchema = z.object({
  seq: z
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(1, "must be 1 or more")
    .max(Number.MAX_SAFE_INTEGER),
  /** A browser-session id: total time sums the longest session_time of each session. */
  session: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,64}$/, "must be 8-64 letters, digits, - or _")
    .optional(),
  cmi: cmiSchema,
});

export type CommitInput = z.infer<typeof commitSchema>;
export type CmiInput = z.infer<typeof cmiSchema>;

const UNIT_SECONDS: Record<string, number> = {
  Y: 31_536_000,
  M: 2_592_000,
  D: 86_400,
  H: 3600,
  m: 60,
  S: 1,
};

/** Seconds in an ISO 8601 duration (already validated); months before T, minutes after it. */
export function durationSeconds(iso: string): number {
  if (!ISO_DURATION.test(iso)) return 0;
  const [date = "", time = ""] = iso.slice(1).split("T");
  let total = 0;
  for (const [, n, unit] of date.matchAll(/(\d+(?:\.\d+)?)([YMD])/g))
    total += Number(n) * (UNIT_SECONDS[unit ?? ""] ?? 0);
  for (const [, n, unit] of time.matchAll(/(\d+(?:\.\d+)?)([HMS])/g)) {
    total += Number(n) * (UNIT_SECONDS[unit === "M" ? "m" : (unit ?? "")] ?? 0);
  }
  return Math.round(total);
}
