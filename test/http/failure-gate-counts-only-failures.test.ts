import assert from "node:assert/strict";
import { test } from "node:test";
import type { FailureCounter } from "../../server/http/failure-counter.ts";
import { FailureGate, type FailureLimit } from "../../server/http/failure-gate.ts";

/** A counter in a Map whose reads take a moment, like the cluster primary's over IPC. */
function slowCounter(): FailureCounter & { counts: Map<string, number> } {
  const counts = new Map<string, number>();
  const tick = () => new Promise((resolve) => setTimeout(resolve, 1));
  return {
    counts,
    async get(key) {
      await tick();
      return { count: counts.get(key) ?? 0, resetTime: new Date(Date.now() + 60_000) };
    },
    async add(key) {
      await tick();
      counts.set(key, (counts.get(key) ?? 0) + 1);
    },
  };
}

const limit = (counter: FailureCounter, key: string, max: number): FailureLimit => ({
  counter,
  key,
  max,
  message: `limit on ${key}`,
});

/** Runs `n` attempts at once; each holds its place a little, then succeeds or fails. */
async function burst(gate: FailureGate, limits: FailureLimit[], n: number, fail: boolean) {
  return Promise.all(
    Array.from({ length: n }, async () => {
      const admission = await gate.admit(limits);
      if (!admission.admitted) return admission.message;
      await new Promise((resolve) => setTimeout(resolve, 5));
      await admission.release(fail);
      return fail ? "failed" : "succeeded";
    }),
  );
}

const tally = (outcomes: string[]) =>
  outcomes.reduce<Record<string, number>>((t, o) => {
    t[o] = (t[o] ?? 0) + 1;
    return t;
  }, {});

test("successes never count: 30 at once under a limit of 10 all get through", async () => {
  const counter = slowCounter();
  const outcomes = await burst(new FailureGate(), [limit(counter, "a", 10)], 30, false);
  assert.deepEqual(tally(outcomes), { succeeded: 30 });
  assert.equal(counter.counts.get("a"), undefined);
});

test("failures at once get exactly the limit's number of tries", async () => {
  const counter = slowCounter();
  const outcomes = await burst(new FailureGate(), [limit(counter, "a", 10)], 30, true);
  assert.deepEqual(tally(outcomes), { failed: 10, "limit on a": 20 });
  assert.equal(counter.counts.get("a"), 10);
});

test("every limit applies: the tighter one refuses, and names itself", async () => {
  const byAddress = slowCounter();
  const byAccount = slowCounter();
  const gate = new FailureGate();
  const limits = [limit(byAddress, "address", 10), limit(byAccount, "account", 3)];
  const outcomes = await burst(gate, limits, 8, true);
  assert.deepEqual(tally(outcomes), { failed: 3, "limit on account": 5 });
  assert.equal(byAddress.counts.get("address"), 3, "a refused attempt counts nowhere");
});
