import assert from "node:assert/strict";
import { test } from "node:test";
import { CommitBudget } from "../../server/runtime/commit-budget.ts";

// The bucket in isolation, on a clock the test moves, so the arithmetic is checked exactly.
function budget(perMinute = 60) {
  let now = 1_000_000;
  const clock = {
    budget: new CommitBudget(perMinute, () => now),
    advance: (ms: number) => {
      now += ms;
    },
  };
  return clock;
}

test("a full minute's commits go through at once, the next waits for the refill", () => {
  const { budget: b, advance } = budget(60);
  for (let i = 0; i < 60; i++) assert.equal(b.take("a"), 0, `commit ${i + 1}`);
  assert.equal(b.take("a"), 1, "one second until the next commit");
  advance(500);
  assert.equal(b.take("a"), 1, "half a commit is not a commit");
  advance(500);
  assert.equal(b.take("a"), 0);
  assert.equal(b.take("a"), 1);
});

test("a refused commit spends nothing, and an idle attempt refills only up to its limit", () => {
  const { budget: b, advance } = budget(6);
  for (let i = 0; i < 6; i++) b.take("a");
  for (let i = 0; i < 5; i++) assert.equal(b.take("a"), 10, "10 s per commit at 6 a minute");
  advance(10_000);
  assert.equal(b.take("a"), 0, "refusals did not push the refill back");
  advance(60 * 60_000);
  for (let i = 0; i < 6; i++) assert.equal(b.take("a"), 0);
  assert.ok(b.take("a") > 0, "an hour idle still allows only 6 at once");
});

test("each attempt has its own budget", () => {
  const { budget: b } = budget(2);
  b.take("a");
  b.take("a");
  assert.ok(b.take("a") > 0);
  assert.equal(b.take("b"), 0);
});

test("attempts whose bucket has refilled are forgotten once many are tracked", () => {
  const { budget: b, advance } = budget(60);
  for (let i = 0; i < 9_999; i++) b.take(`idle-${i}`);
  assert.equal(b.size, 9_999, "nothing is swept below 10,000 attempts");
  advance(60_000);
  for (let i = 0; i < 30; i++) b.take("busy");
  assert.equal(b.size, 1, "the 10,000th attempt swept the refilled ones; only it is left");
  for (let i = 0; i < 30; i++) b.take("busy");
  assert.ok(b.take("busy") > 0, "sweeping did not refill the busy attempt");
});
