import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  type AuthoringRig,
  assertNoViolations,
  seedModule,
  signedInPage,
  smallDraft,
  startAuthoringRig,
  storedModule,
  waitUntilSaved,
  watchForProblems,
} from "../helpers/authoring-driver.ts";

// Issue #14, item 1: the assessment linter runs on the server with every autosave, and its
// advice appears next to the question it concerns while the author works, counted on the
// question's one-line summary; it never stops the save, and it goes once the author fixes it.

let rig: AuthoringRig;
before(async () => {
  rig = await startAuthoringRig(import.meta.url);
  await seedModule(smallDraft("live-hints", ["Listen first"]));
});
after(async () => {
  await rig.stop();
});

const LONG_RIGHT =
  "This one, because it names what the colleague asked for, checks it back with them and only then offers a next step";

test("a much longer correct option gets a hint at once, and fixing it takes the hint away", async () => {
  const page = await signedInPage(rig, { email: "hana@example.com" });
  const problems = watchForProblems(page);
  await page.goto(`${rig.app.baseUrl}/admin/modules/live-hints`);
  const summary = page.locator("#q-quiz-0 > summary");
  await summary.waitFor();
  assert.doesNotMatch((await summary.textContent()) ?? "", /hint/, "a clean draft has none");
  assert.equal(await page.locator(".hint-note").count(), 0);

  await summary.click();
  await page.locator("#f-quiz-0-options-0-text").fill(LONG_RIGHT);
  const hint = page.locator('#f-quiz-0-options-0-text + .hint-note[data-rule="longest-correct"]');
  await hint.waitFor();
  assert.match(
    (await hint.textContent()) ?? "",
    /^Hint: the correct option is \d+\.\d times as long/,
  );
  assert.match((await summary.textContent()) ?? "", /^Question 1 · Single choice · 1 hint: /);
  // The hint describes the option it is about, for screen readers too.
  const described = await page
    .locator("#f-quiz-0-options-0-text")
    .evaluate((el) => el.getAttribute("aria-describedby") ?? "");
  assert.ok(described.split(" ").includes((await hint.getAttribute("id")) ?? "-"));
  // Advice blocks nothing: the draft was saved with the long option.
  await waitUntilSaved(page);
  const saved = (await storedModule("live-hints")).draft.quiz[0];
  assert.ok(saved?.type === "single");
  assert.equal(saved.options[0]?.text, LONG_RIGHT);
  await assertNoViolations(page, "the editor with a linter hint showing");

  await page.locator("#f-quiz-0-options-0-text").fill("Check it back");
  await hint.waitFor({ state: "detached" });
  await waitUntilSaved(page);
  assert.equal(await page.locator(".hint-note").count(), 0);
  assert.doesNotMatch((await summary.textContent()) ?? "", /hint/);
  assert.deepEqual(problems, []);
  await page.context().close();
});

test("a module-wide hint (true/false balance) shows at the top of the editor", async () => {
  const draft = smallDraft("balance", ["Listen first"]);
  const statements = [
    "Listening well means waiting until a colleague has finished speaking.",
    "A summary of what you heard helps a colleague feel understood.",
    "Asking one open question invites a colleague to say more.",
  ];
  draft.quiz.push(
    ...statements.map((prompt, n) => ({
      id: `tf-${n + 1}`,
      type: "true-false" as const,
      prompt,
      answer: false,
      feedback: {
        true: "Not quite: the lesson says why it is false.",
        false: "Right: the lesson says why.",
      },
    })),
  );
  await seedModule(draft);
  const page = await signedInPage(rig, { email: "ivo@example.com" });
  await page.goto(`${rig.app.baseUrl}/admin/modules/balance`);
  const note = page.locator('.hint-note[data-rule="true-false-balance"]');
  await note.waitFor();
  // Under the Module heading, before the first field.
  assert.equal(
    await note.evaluate(
      (el) =>
        !!(
          el.compareDocumentPosition(document.getElementById("f-title") as Node) &
          Node.DOCUMENT_POSITION_FOLLOWING
        ),
    ),
    true,
  );
  assert.match((await note.textContent()) ?? "", /3 of 3 true\/false statements are false/);
  assert.match((await page.locator("#hints-text").textContent()) ?? "", /^1 hint on how/);
  await page.context().close();
});
