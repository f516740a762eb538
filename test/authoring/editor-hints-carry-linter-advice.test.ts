import assert from "node:assert/strict";
import { test } from "node:test";
import { moduleHints } from "../../server/authoring/module-hints.ts";
import { markPlaceholder } from "../../server/content/publish-blockers.ts";
import { smallDraft } from "../helpers/authoring-driver.ts";

// What every save answers with (server/authoring/module-hints.ts): the publish blockers, which
// stop publishing, and the assessment linter's advice, which stops nothing, each at the path of
// the field it concerns ("" for the module as a whole).

test("a clean draft has no hints", () => {
  assert.deepEqual(moduleHints(smallDraft("clean")), []);
});

test("a much longer correct option is advice at that option, never a blocker", () => {
  const draft = smallDraft("long");
  const q = draft.quiz[0];
  assert.ok(q?.type === "single" && q.options[0]);
  q.options[0].text = "This one, because it names the request and checks it back with them first";
  assert.deepEqual(
    moduleHints(draft).map((h) => [h.path, h.rule, h.blocksPublish]),
    [["quiz.0.options.0.text", "longest-correct", false]],
  );
});

test("placeholder text is one to-do that blocks publishing, not a second linter note", () => {
  const draft = smallDraft("stub");
  draft.summary = markPlaceholder("Say what learners will be able to do.");
  const hints = moduleHints(draft);
  assert.deepEqual(
    hints.map((h) => [h.path, h.blocksPublish]),
    [["summary", true]],
  );
});

test("template wording an author kept on purpose is not flagged again", () => {
  const draft = smallDraft("kept");
  draft.quiz.push({
    id: "tf-1",
    type: "true-false",
    prompt: "Asking one open question invites a colleague to say more.",
    answer: true,
    feedback: { true: "Feedback for True.", false: "Feedback for False." },
  });
  assert.deepEqual(
    moduleHints(draft).filter((h) => h.path.startsWith("quiz.1.feedback")),
    [],
  );
});

test("a module-wide hint has the module's path", () => {
  const draft = smallDraft("balance");
  for (const n of [1, 2, 3])
    draft.quiz.push({
      id: `tf-${n}`,
      type: "true-false",
      prompt: [
        "Listening well means waiting until a colleague has finished speaking.",
        "A summary of what you heard helps a colleague feel understood.",
        "Asking one open question invites a colleague to say more.",
      ][n - 1] as string,
      answer: false,
      feedback: { true: "Not quite: the lesson says why.", false: "Right: the lesson says why." },
    });
  const hints = moduleHints(draft);
  assert.deepEqual(
    hints.map((h) => [h.path, h.rule, h.blocksPublish]),
    [["", "true-false-balance", false]],
  );
});
