// The SCORM 2004 value formats of everything Rapport stores and later preloads into the player.
// The player hands the stored values to scorm-again (3.4.3), which refuses the whole preload when
// one value breaks its rules, and the learner's module then never opens again. So each check
// here accepts only what scorm-again accepts on preload, and where scorm-again's rules get
// intricate (escaped delimiters, {case_matters=…} prefixes) it accepts a plainer subset that
// every SCORM 2004 player reads the same way. test/runtime/commit-values-match-scorm-again.test.ts
// loads generated values into a real scorm-again to prove each check never lets through one that
// scorm-again refuses.
//
// Each check returns null for a good value, or a message that completes "<field>: …".

/** What JavaScript's `.` does not match: scorm-again's one-line types refuse these. */
const LINE_BREAK = /[\n\r\u2028\u2029]/;

// --- numbers ---------------------------------------------------------------------------------

/** scorm-again's decimal: up to 10 digits before the point and 18 after, no exponent. */
const DECIMAL = /^-?\d{1,10}(\.\d{1,18})?$/;

export function decimalProblem(v: string): string | null {
  return DECIMAL.test(v)
    ? null
    : "must be a decimal number like 85 or -0.5 (at most 10 digits before the point and 18 after)";
}

/**
 * A decimal Rapport stores as a number and preloads as String(number): it must survive that
 * trip, which rules out values so near 0 that they print as 1e-7, or so near 10^10 that they
 * round up to 11 digits.
 */
export function storedDecimalProblem(v: string, min?: number, max?: number): string | null {
  const range =
    min !== undefined && max !== undefined ? `must be a number from ${min} to ${max}` : null;
  if (!DECIMAL.test(v)) return range ?? decimalProblem(v);
  const n = Number(v);
  if ((min !== undefined && n < min) || (max !== undefined && n > max)) return range;
  if (!DECIMAL.test(String(n)))
    return "cannot be stored as written (too near 0 or 10,000,000,000); round it";
  return null;
}

// --- times -----------------------------------------------------------------------------------

/** ISO 8601 duration as SCORM writes it: months before T, minutes after; a second has at most
 * two decimals (scorm-again's own limit). */
const DURATION =
  /^P(?!$)(\d+(\.\d+)?Y)?(\d+(\.\d+)?M)?(\d+(\.\d+)?D)?(T(?=\d)(\d+(\.\d+)?H)?(\d+(\.\d+)?M)?(\d+(\.\d{1,2})?S)?)?$/;
const DURATION_PART = /(\d+(?:\.\d+)?)([YMDHS])/g;
const UNIT_SECONDS = { Y: 31_536_000, Mdate: 2_592_000, D: 86_400, H: 3600, Mtime: 60, S: 1 };

/** A session or an answer longer than this is a forged value, not a learner's time. */
export const DURATION_MAX_SECONDS = 366 * 86_400;
// Only so the pattern never runs over a megabyte of digits; real durations are a few characters.
const DURATION_MAX_CHARS = 1000;

/** Seconds in a well-formed duration, summed as reals: 400 nines of years is Infinity here. */
function durationTotal(iso: string): number {
  const t = iso.indexOf("T");
  let total = 0;
  for (const m of iso.matchAll(DURATION_PART)) {
    const unit = m[2] === "M" ? (t >= 0 && (m.index ?? 0) > t ? "Mtime" : "Mdate") : m[2];
    total += Number(m[1]) * UNIT_SECONDS[unit as keyof typeof UNIT_SECONDS];
  }
  return total;
}

export function durationProblem(v: string): string | null {
  if (v.length > DURATION_MAX_CHARS || !DURATION.test(v))
    return "must be an ISO 8601 duration like PT1M30S (at most two decimals of a second)";
  if (!(durationTotal(v) <= DURATION_MAX_SECONDS)) return "must be at most 366 days";
  return null;
}

/** Whole seconds in a duration that passed durationProblem; 0 for anything else. */
export function durationSeconds(iso: string): number {
  return durationProblem(iso) ? 0 : Math.round(durationTotal(iso));
}

/** A point in time from 1970 on, with scorm-again's quirk that a time zone needs fractional
 * seconds before it ("…:00.0Z", not "…:00Z"). */
const TIME =
  /^(19[7-9]\d|[2-9]\d{3})(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01])(T([01]\d|2[0-3])(:[0-5]\d(:[0-5]\d(\.\d{1,6}(Z|[+-]([01]\d|2[0-3])(:[0-5]\d)?)?)?)?)?)?)?)?$/;

export function timeProblem(v: string): string | null {
  return TIME.test(v)
    ? null
    : "must be an ISO 8601 time from 1970 on, like 2026-03-01T10:15:30.5Z (a zone needs decimals of a second)";
}

// --- text and identifiers --------------------------------------------------------------------

/** A long identifier: 1 to 4,000 characters on one line. */
function longIdProblem(v: string): string | null {
  if (v === "" || v.length > 4000 || LINE_BREAK.test(v))
    return "must be 1 to 4,000 characters on one line";
  return null;
}

export function interactionIdProblem(v: string): string | null {
  if (v.trim() === "") return "must not be empty";
  return longIdProblem(v);
}

/** A short identifier: URI characters only, at least one letter, digit or _. */
const SHORT_ID = /^[\w\-()+.:=@;$!*'%/#]{1,250}$/;
function shortIdProblem(v: string): string | null {
  return SHORT_ID.test(v) && /\w/.test(v)
    ? null
    : "must be 1 to 250 letters, digits or - ( ) + . : = @ ; $ _ ! * ' % / #";
}

/** A localized string's optional language prefix, `{lang=en}` or `{lang=en-GB}`. */
const LANG_PREFIX = /^\{lang=[a-zA-Z]{1,8}(-[a-zA-Z0-9-]{2,8})?\}/;

/**
 * A localized string: one line, after an optional `{lang=xx}` prefix at most `max` characters,
 * and (prefix or not) its text must not open with "{", which scorm-again reads as a broken tag.
 */
export function langStringProblem(v: string, max: number): string | null {
  const text = v.replace(LANG_PREFIX, "");
  if (LINE_BREAK.test(text)) return "must be one line";
  if (text.startsWith("{"))
    return 'must not start with "{" (other than a language tag like {lang=en})';
  if (text.length > max) return `must be at most ${max.toLocaleString("en")} characters`;
  return null;
}

export const RESULT_PATTERN = /^(correct|incorrect|unanticipated|neutral|-?\d{1,4}(\.\d{1,18})?)$/;

// --- responses -------------------------------------------------------------------------------

export const INTERACTION_TYPES = [
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
] as const;
export type InteractionType = (typeof INTERACTION_TYPES)[number];

/**
 * Splits a SCORM list on "[,]". A single entry may not hold a bare comma either: without "[,]"
 * scorm-again splits on bare commas, so such a value would mean something else to it.
 */
function listItems(v: string, max: number): string[] | string {
  const items = v.split("[,]");
  if (items.some((item) => item.includes(",")))
    return 'must separate entries with "[,]" and have no other commas';
  if (items.length > max) return `must have at most ${max} entries`;
  return items;
}

/** "a[.]b" as matching (and performance) records write it: exactly one "[.]". */
function pairOf(item: string): [string, string] | null {
  const at = item.indexOf("[.]");
  if (at < 0) return null;
  return [item.slice(0, at), item.slice(at + 3)];
}

const PERFORMANCE_ANSWER_FORBIDDEN = /\[[,.:]\]/;
const NUMERIC_RANGE_BOUND = /^(-?\d+(\.\d+)?)?$/;

function performanceItemProblem(item: string, pattern: boolean): string | null {
  const pair = pairOf(item);
  if (!pair) return 'must write each step as "name[.]answer"';
  const [step, answer] = pair;
  if (step === "" && answer === "") return "must not have a step with neither name nor answer";
  if (step !== "" && shortIdProblem(step)) return `step name ${shortIdProblem(step)}`;
  if (answer === "") return null;
  // A correct answer may also be a numeric range "min[:]max".
  if (pattern && answer.includes("[:]")) {
    const bounds = answer.split("[:]");
    if (bounds.length === 2 && bounds.every((b) => NUMERIC_RANGE_BOUND.test(b))) return null;
  }
  if (answer.length > 250 || PERFORMANCE_ANSWER_FORBIDDEN.test(answer))
    return 'must have step answers of at most 250 characters without "[,]", "[.]" or "[:]"';
  return null;
}

/** Checks every item of a list with one rule; the first problem wins. */
function eachItem(items: string[], check: (item: string) => string | null): string | null {
  for (const item of items) {
    const problem = check(item);
    if (!problem) continue;
    if (items.length === 1) return problem;
    return item === "" ? "has an empty entry" : `entry "${item.slice(0, 40)}" ${problem}`;
  }
  return null;
}

/**
 * A response in the format its interaction type prescribes: the learner's response, or (with
 * `pattern`) a correct-response pattern, where a performance step may also answer "min[:]max".
 */
function responseProblem(type: InteractionType, v: string, pattern: boolean): string | null {
  switch (type) {
    case "true-false":
      return v === "true" || v === "false" ? null : "must be true or false";
    case "choice": {
      const items = listItems(v, 36);
      if (typeof items === "string") return items;
      if (new Set(items).size !== items.length) return "must not name a choice twice";
      return eachItem(items, longIdProblem);
    }
    case "fill-in": {
      const items = listItems(v, 10);
      if (typeof items === "string") return items;
      return eachItem(items, (item) => langStringProblem(item, 250));
    }
    case "long-fill-in":
      return langStringProblem(v, 4000);
    case "matching": {
      const items = listItems(v, 36);
      if (typeof items === "string") return items;
      return eachItem(items, matchingPairProblem);
    }
    case "performance": {
      const items = listItems(v, 250);
      if (typeof items === "string") return items;
      return eachItem(items, (item) => performanceItemProblem(item, pattern));
    }
    case "sequencing": {
      const items = listItems(v, 36);
      if (typeof items === "string") return items;
      return eachItem(items, shortIdProblem);
    }
    case "likert":
      return shortIdProblem(v);
    case "numeric":
      return decimalProblem(v);
    case "other":
      return v.length > 4000 ? "must be at most 4,000 characters" : null;
  }
}

function matchingPairProblem(item: string): string | null {
  const pair = pairOf(item);
  if (!pair) return 'must pair source and target as "source[.]target"';
  return shortIdProblem(pair[0]) ?? shortIdProblem(pair[1]);
}

export function learnerResponseProblem(type: InteractionType, v: string): string | null {
  return responseProblem(type, v, false);
}

/** How many correct-response patterns each type may have (scorm-again allows one for these). */
export function correctResponsesMax(type: InteractionType): number {
  return type === "true-false" || type === "likert" || type === "numeric" || type === "other"
    ? 1
    : 20;
}

/**
 * One correct-response pattern. Stricter than a learner response, as scorm-again is: one line,
 * no spaces around it or its entries, no entry twice; and Rapport takes no {case_matters=…},
 * {order_matters=…} or {lang=…} prefixes.
 */
export function correctPatternProblem(type: InteractionType, v: string): string | null {
  if (v === "") return "must not be empty";
  if (LINE_BREAK.test(v)) return "must be one line";
  if (v.trim() !== v) return "must not start or end with a space";
  if (v.startsWith("{")) return 'must not start with "{"';
  switch (type) {
    case "true-false":
    case "likert":
    case "other":
    case "long-fill-in":
      // Single-valued types: scorm-again refuses any comma in their patterns.
      if (v.includes(",")) return "must not contain a comma";
      return responseProblem(type, v, true);
    case "numeric": {
      if (!v.includes("[:]")) return decimalProblem(v);
      const bounds = v.split("[:]");
      if (bounds.length !== 2) return 'must be a number or a range "min[:]max"';
      const [low = "", high = ""] = bounds;
      if (low === "" && high === "") return "must give at least one bound of the range";
      for (const bound of [low, high]) {
        const problem = bound === "" ? null : decimalProblem(bound);
        if (problem) return problem;
      }
      if (low !== "" && high !== "" && Number(low) > Number(high))
        return "must not have a lower bound above the upper one";
      return null;
    }
    default: {
      const items = v.split("[,]");
      if (items.some((item) => item === "" || item.trim() !== item))
        return "must not have empty entries or spaces around entries";
      if (new Set(items).size !== items.length) return "must not repeat an entry";
      if (items.some((item) => item.startsWith("{"))) return 'must not have entries starting "{"';
      return responseProblem(type, v, true);
    }
  }
}
