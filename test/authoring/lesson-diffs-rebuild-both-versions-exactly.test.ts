import assert from "node:assert/strict";
import { test } from "node:test";
import { type DiffPart, diffText } from "../../server/authoring/diff-lessons.ts";

// A diff's parts, read without the added ones, must be the older text exactly, and without the
// removed ones the newer text: the diff page shows both through them. jsdiff's diffWords moves
// spaces between parts, and on text like this it made the older version read "meeting ." where
// it said "meeting.".

const older = (parts: DiffPart[]) =>
  parts
    .filter((p) => !p.added)
    .map((p) => p.value)
    .join("");
const newer = (parts: DiffPart[]) =>
  parts
    .filter((p) => !p.removed)
    .map((p) => p.value)
    .join("");
const noDeadline = () => Date.now() + 60_000;

test("a word diff whose spacing diffWords would shift still rebuilds both texts", () => {
  const before = "work meeting listen through manager decide meeting.\n\nagree question";
  const after =
    "work change small meeting listen answer decide through meeting people team.\n\nagree question";
  const { parts, coarse } = diffText(before, after, noDeadline());
  assert.equal(older(parts), before);
  assert.equal(newer(parts), after);
  assert.equal(coarse, false, "still shown word by word");
  assert.ok(parts.some((p) => p.added && p.value.includes("change")));
});

test("one changed word is shown as that word removed and its replacement added", () => {
  const before = "Ask first.\n\nThen listen to what they say, and trust them.";
  const after = "Ask first.\n\nThen listen to what they say, and believe them.";
  const { parts } = diffText(before, after, noDeadline());
  assert.deepEqual(
    parts.filter((p) => p.added || p.removed).map((p) => p.value),
    ["trust", "believe"],
  );
  assert.equal(older(parts), before);
  assert.equal(newer(parts), after);
});

test("with the budget spent, changed text is shown whole and still rebuilds both texts", () => {
  const before = "One line.\nA second line that changes.\nA third.";
  const after = "One line.\nA second line, rewritten.\nA third.";
  const { parts } = diffText(before, after, Date.now() - 1);
  assert.equal(older(parts), before);
  assert.equal(newer(parts), after);
});
