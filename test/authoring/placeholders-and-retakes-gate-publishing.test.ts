import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { PublishBlocked } from "../../server/authoring/authoring-errors.ts";
import { createModule } from "../../server/authoring/create-module.ts";
import { importArticle } from "../../server/authoring/import-article.ts";
import { publishModule } from "../../server/authoring/publish-module.ts";
import type { RequestActor } from "../../server/authoring/route-helpers.ts";
import { saveDraft } from "../../server/authoring/save-draft.ts";
import { Module } from "../../server/content/module-model.ts";
import { ModuleVersion } from "../../server/content/module-version-model.ts";
import {
  isPlaceholderText,
  markPlaceholder,
  publishBlockers,
} from "../../server/content/publish-blockers.ts";
import { startAttempt } from "../../server/runtime/start-attempt.ts";
import {
  csrfToken,
  keepPlaceholders,
  makeUser,
  sendJson,
  signIn,
  storedDraft,
} from "../helpers/authoring-api.ts";
import { startTestApp } from "../helpers/test-app.ts";

// Issue #14: a new module could be published with its template text ("Write the lesson here.",
// an option reading "The correct answer"). Stub text is now marked as a placeholder and blocks
// publishing, field by field, until it is rewritten or kept on purpose. And a new version over
// one that learners have started waits for the author to confirm what retakes will get.

let app: Awaited<ReturnType<typeof startTestApp>>;
let ada: RequestActor;

before(async () => {
  app = await startTestApp(import.meta.url);
  ada = await makeUser("author", "ada@example.org");
});
after(async () => {
  await app.stop();
});

async function publishError(slug: string) {
  const mod = await Module.findOne({ slug }).lean();
  assert.ok(mod);
  return publishModule({ moduleId: mod._id, actor: ada }).then(
    () => assert.fail("published"),
    (err: unknown) => err,
  );
}

describe("placeholder text", () => {
  test("every piece of a new module's template text blocks publishing, at its own path", async () => {
    const { slug } = await createModule({ title: "Template text", slug: "template", actor: ada });
    const err = await publishError(slug);
    assert.ok(err instanceof PublishBlocked);
    assert.deepEqual(Object.keys(err.fields).sort(), [
      "lessons.0.markdown",
      "lessons.0.title",
      "quiz.0.options.0.feedback",
      "quiz.0.options.0.text",
      "quiz.0.options.1.feedback",
      "quiz.0.options.1.text",
      "quiz.0.prompt",
      "summary",
    ]);
    assert.equal(await ModuleVersion.countDocuments({ slug }), 0);

    // Rewriting one field clears that field only.
    const draft = await storedDraft(slug);
    draft.summary = "How to say no to a request and keep the relationship.";
    await saveDraft({ slug, revision: 1, draft, actor: ada });
    const again = await publishError(slug);
    assert.ok(again instanceof PublishBlocked);
    assert.ok(!("summary" in again.fields));
    assert.equal(Object.keys(again.fields).length, 7);

    // Kept on purpose (the mark removed), the rest publishes.
    await saveDraft({ slug, revision: 2, draft: keepPlaceholders(draft), actor: ada });
    const mod = await Module.findOne({ slug }).lean();
    assert.ok(mod);
    assert.deepEqual(await publishModule({ moduleId: mod._id, actor: ada }), { version: 1 });
  });

  test("an imported article's stubs block publishing until they are rewritten", async () => {
    const { slug } = await importArticle({
      text: "Listening well\n\n## Pause\n\nWait two seconds before you answer anyone at work.\n\n## Reflect\n\nSay back what you heard before you give your own view.",
      actor: ada,
    });
    const err = await publishError(slug);
    assert.ok(err instanceof PublishBlocked);
    assert.ok("lessons.0.checks.0.prompt" in err.fields);
    assert.ok("lessons.1.checks.0.feedback.true" in err.fields);
    assert.ok("quiz.1.options.0.text" in err.fields);
    assert.match(err.message, /placeholder text/);
  });

  test("drafts written before the mark existed are caught by their template wording", () => {
    const legacy = {
      summary: "Describe in a sentence or two what learners will be able to do after this module.",
      lessons: [{ id: "lesson-1", markdown: "Write the lesson here.", checks: [] }],
      quiz: [{ id: "q", type: "single", options: [{ text: "The correct answer" }] }],
    };
    assert.deepEqual(
      publishBlockers(legacy).map((b) => b.path.join(".")),
      ["summary", "lessons.0.markdown", "quiz.0.options.0.text"],
    );
    assert.ok(isPlaceholderText(markPlaceholder("anything")));
    assert.ok(!isPlaceholderText("The correct answer is to ask first."));
  });

  test("over HTTP a blocked publish is 400 with a message per field", async () => {
    await createModule({ title: "Over the wire", slug: "wire-blocked", actor: ada });
    const client = await signIn(app.baseUrl, "ada@example.org");
    const res = await sendJson(
      client,
      "POST",
      "/api/admin/modules/wire-blocked/publish",
      {},
      await csrfToken(client),
    );
    assert.equal(res.status, 400);
    const body = (await res.json()) as { error: string; fields: Record<string, string> };
    assert.match(body.error, /^Not published: 8 pieces of placeholder text/);
    assert.match(body.fields["quiz.0.options.0.text"] ?? "", /placeholder text from Rapport/);
  });
});

describe("a new version over one that learners have started", () => {
  test("is refused with 428 until the author confirms; the first version never asks", async () => {
    const { slug } = await createModule({ title: "Retakes", slug: "retakes", actor: ada });
    const draft = keepPlaceholders(await storedDraft(slug));
    await saveDraft({ slug, revision: 1, draft, actor: ada });
    const client = await signIn(app.baseUrl, "ada@example.org");
    const token = await csrfToken(client);
    const publish = (body: unknown) =>
      sendJson(client, "POST", `/api/admin/modules/${slug}/publish`, body, token);

    assert.equal((await publish({})).status, 201, "v1 asks nothing");
    // Nobody has started it yet: v2 asks nothing either.
    assert.equal((await publish({})).status, 201);

    const lee = await makeUser("learner", "lee@example.org");
    await startAttempt({ userId: lee.id, slug });
    const asked = await publish({ note: "More examples" });
    assert.equal(asked.status, 428);
    const body = (await asked.json()) as { error: string; confirm: boolean; learners: number };
    assert.equal(body.confirm, true);
    assert.equal(body.learners, 1);
    assert.match(body.error, /1 learner has started this module.*gets version 3/);
    assert.equal(await ModuleVersion.countDocuments({ slug }), 2, "nothing published");

    const confirmed = await publish({ note: "More examples", confirmRetakes: true });
    assert.equal(confirmed.status, 201);
    assert.deepEqual(await confirmed.json(), { version: 3 });
  });
});
