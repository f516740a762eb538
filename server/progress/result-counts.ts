import { decodeResultKey } from "./status-rule.ts";

// How one learner's result adds to a rollup block. Scores are summed in hundredths of a percent,
// integers, so adding and later subtracting the same result leaves the sum exact.

export type Increments = Record<string, number>;

export function resultIncrements(block: string, key: number, sign: 1 | -1): Increments {
  const result = decodeResultKey(key);
  if (!result) return {};
  const inc: Increments = { [`${block}.${result.status}`]: sign };
  if (result.scorePercent !== null) {
    const hundredths = key % 100_000;
    inc[`${block}.scored`] = sign;
    inc[`${block}.scoreSum`] = sign * hundredths;
    inc[`${block}.b${Math.min(9, Math.floor(hundredths / 1000))}`] = sign;
  }
  return inc;
}

/** The $inc that moves one learner from result `before` to result `after` (both resultKeys). */
export function resultChange(block: string, before: number, after: number): Increments {
  if (before === after) return {};
  return mergeIncrements(resultIncrements(block, before, -1), resultIncrements(block, after, 1));
}

export function mergeIncrements(...all: Increments[]): Increments {
  const out: Increments = {};
  for (const inc of all)
    for (const [path, n] of Object.entries(inc)) out[path] = (out[path] ?? 0) + n;
  for (const [path, n] of Object.entries(out)) if (n === 0) delete out[path];
  return out;
}
