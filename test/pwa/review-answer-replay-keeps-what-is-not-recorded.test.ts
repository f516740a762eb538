import assert from "node:assert/strict";
import { test } from "node:test";
import { replayOutcome } from "../../public/pwa/src/review-replay-outcome.ts";

// A kept review answer is let go only when the server recorded it or refused it for good.

const CARD = "6b0e6f9ffe994add62f49431";
const at = (path: string) => `https://rapport.example${path}`;

test("only landing on this card's feedback counts as sent", () => {
  assert.equal(replayOutcome(200, at(`/review/answered/${CARD}`), CARD), "sent");
  assert.equal(replayOutcome(200, at("/review/answered/another"), CARD), "later");
  assert.equal(replayOutcome(200, at("/dashboard"), CARD), "later");
});

test("an ended sign-in keeps the answer until the learner signs in again", () => {
  assert.equal(replayOutcome(403, at("/review/answer"), CARD), "sign-in");
  assert.equal(replayOutcome(401, at("/review/answer"), CARD), "sign-in");
  assert.equal(replayOutcome(200, at("/login?next=%2Freview"), CARD), "sign-in");
});

test("a final refusal lets it go; a server error or a busy server keeps it", () => {
  for (const status of [400, 404, 409]) {
    assert.equal(replayOutcome(status, at("/review/answer"), CARD), "refused");
  }
  for (const status of [500, 502, 503, 429, 408]) {
    assert.equal(replayOutcome(status, at("/review/answer"), CARD), "later");
  }
});
