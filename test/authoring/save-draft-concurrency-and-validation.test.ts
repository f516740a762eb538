import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { RevisionConflict } from "../../server/authoring/authoring-errors.ts";
import { createModule } from "../../server/authoring/create-module.ts";
import { SLUG_TAKEN } from "../../server/authoring/module-slugs.ts";
import { publishModule } from "../../server/authoring/publish-module.ts";
import type { RequestActor } from "../../server/authoring/route-helpers.ts";
import { SLUG_LOCKED, saveDraft } from "../../server/authoring/save-draft.ts";
import { Module } from "../../server/content/module-model.ts";
import { moduleContent } from "../../server/content/module-schema.ts";
import { markPlaceholder } from "../../server/content/publish-blockers.ts";
import { ValidationError } from "../../server/http/http-errors.ts";
import {
  auditCount,
  clone,
  csrfToken,
  keepPlaceholders,
  makeUser,
  sendJson,
  signIn,
  storedDraft,
} from "../helpers/authoring-api.ts";
import type { HttpClient } from "../helpers/http-client.ts";
import { startTestApp } from "../helpers/test-app.ts";

let app: Awaited<ReturnType<typeof startTestApp>>;
let ada: RequestActor;
let bob: RequestActor;

before(async () => {
  app = await startTestApp(import.meta.url);
  ada = await makeUser("author", "ada@example.org");
  bob = await makeUser("author", "bob@example.org");
});
after(async () => {
  await app.stop();
});

/** Asserts the promise fails with a ValidationError naming `field`, and returns its message. */
async function rejectsField(promise: Promise<unknown>, field: string): Promise<string> {
  const err = await promise.then(
    () => assert.fail(`expected a validation error on ${field}`),
    (e: unknown) => e,
  );
  assert.ok(err instanceof ValidationError, `expected ValidationError, got ${String(err)}`);
  assert.ok(field in err.fields, `fields ${JSON.stringify(err.fields)} should name ${field}`);
  return err.fields[field] ?? "";
}

describe("creating a module", () => {
  test("gives a valid template draft, and refuses a bad title or a used slug", async () => {
    const { slug } = await createModule({
      title: "Saying no kindly",
      slug: "saying-no",
      actor: ada,
    });
    const draft = await storedDraft(slug);
    assert.equal(moduleContent.safeParse(draft).success, true);
    assert.equal(draft.lessons[0]?.title, markPlaceholder("Lesson 1"));
    assert.deepEqual(draft.topics, ["saying-no"]);
    assert.equal(await auditCount("module.create", slug), 1);

    await rejectsField(createModule({ title: "", slug: "empty-title", actor: ada }), "title");
    await rejectsField(
      createModule({ title: "Fine title", slug: "Not A Slug", actor: ada }),
      "slug",
    );
    const taken = await rejectsField(
      createModule({ title: "Another", slug: "saying-no", actor: ada }),
      "slug",
    );
    assert.equal(taken, SLUG_TAKEN);
    assert.equal(await Module.countDocuments({ slug: { $in: ["empty-title", "not-a-slug"] } }), 0);
  });
});

describe("saving a draft", () => {
  test("a stale revision gets a 409 naming who saved, and changes nothing", async () => {
    const { slug } = await createModule({ title: "Stale test", slug: "stale-test", actor: ada });
    const draft = await storedDraft(slug);
    const first = await saveDraft({
      slug,
      revision: 1,
      draft: { ...draft, title: "Saved by Bob" },
      actor: bob,
    });
    assert.equal(first.revision, 2);

    const err = await saveDraft({
      slug,
      revision: 1,
      draft: { ...draft, title: "Ada's late save" },
      actor: ada,
    }).catch((e: unknown) => e);
    assert.ok(err instanceof RevisionConflict);
    assert.equal(err.status, 409);
    assert.equal(err.revision, 2);
    assert.match(err.message, /changed by bob at \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    assert.match(err.message, /Reload/);
    const stored = await Module.findOne({ slug }).lean();
    assert.equal(stored?.revision, 2);
    assert.equal((stored?.draft as { title?: string } | undefined)?.title, "Saved by Bob");
  });

  test("two saves of the same revision at once: exactly one wins", async () => {
    const { slug } = await createModule({ title: "Race test", slug: "race-test", actor: ada });
    const draft = await storedDraft(slug);
    const results = await Promise.allSettled(
      [ada, bob].map((actor) =>
        saveDraft({
          slug,
          revision: 1,
          draft: { ...draft, summary: `Written by ${actor.displayName}.` },
          actor,
        }),
      ),
    );
    assert.equal(results.filter((r) => r.status === "fulfilled").length, 1);
    const lost = results.find((r) => r.status === "rejected");
    assert.ok(lost && lost.status === "rejected" && lost.reason instanceof RevisionConflict);
    assert.equal((await Module.findOne({ slug }).lean())?.revision, 2);
  });

  test("invalid drafts are refused with the field's path and the stored draft is unchanged", async () => {
    const { slug } = await createModule({ title: "Validation", slug: "validation", actor: ada });
    const good = await storedDraft(slug);
    const save = (draft: unknown) => saveDraft({ slug, revision: 1, draft, actor: ada });

    await rejectsField(save({ ...good, title: "" }), "title");

    const noCorrect = clone(good);
    const q = noCorrect.quiz[0];
    assert.ok(q && q.type === "single");
    for (const o of q.options) o.correct = false;
    assert.match(await rejectsField(save(noCorrect), "quiz.0.options"), /exactly one correct/);

    const huge = clone(good);
    const lesson = huge.lessons[0];
    assert.ok(lesson);
    lesson.markdown = "x".repeat(150_000);
    assert.match(await rejectsField(save(huge), "lessons.0.markdown"), /100,000/);

    const stored = await Module.findOne({ slug }).lean();
    assert.equal(stored?.revision, 1);
    assert.deepEqual(stored?.draft, good);
    assert.equal(await auditCount("module.save", slug), 0);
  });

  test("the slug may change (to a free one) until the module is published, then never", async () => {
    await createModule({ title: "Taken slug", slug: "taken-slug", actor: ada });
    const { slug } = await createModule({ title: "Renamed", slug: "before-rename", actor: ada });
    // The template's text kept as it is, so the module can be published below.
    const draft = keepPlaceholders(await storedDraft(slug));
    const taken = await rejectsField(
      saveDraft({ slug, revision: 1, draft: { ...draft, slug: "taken-slug" }, actor: ada }),
      "slug",
    );
    assert.equal(taken, SLUG_TAKEN);

    const renamed = await saveDraft({
      slug,
      revision: 1,
      draft: { ...draft, slug: "after-rename", title: "Renamed module" },
      actor: ada,
    });
    assert.equal(renamed.slug, "after-rename");
    const mod = await Module.findOne({ slug: "after-rename" }).lean();
    assert.equal(mod?.title, "Renamed module", "the module's title mirrors the draft's");
    assert.equal(await Module.exists({ slug: "before-rename" }), null);

    assert.ok(mod);
    await publishModule({ moduleId: mod._id, actor: ada });
    const locked = await rejectsField(
      saveDraft({
        slug: "after-rename",
        revision: 2,
        draft: { ...(await storedDraft("after-rename")), slug: "third-name" },
        actor: ada,
      }),
      "slug",
    );
    assert.equal(locked, SLUG_LOCKED);
    assert.equal((await Module.findOne({ slug: "after-rename" }).lean())?.revision, 2);
  });
});

describe("PUT /api/admin/modules/:slug/draft", () => {
  let client: HttpClient;
  let token: string;
  before(async () => {
    client = await signIn(app.baseUrl, "ada@example.org");
    token = await csrfToken(client);
  });

  test("saves, then answers a stale save with 409 and the current revision", async () => {
    const { slug } = await createModule({ title: "Over HTTP", slug: "over-http", actor: ada });
    const draft = await storedDraft(slug);
    const ok = await sendJson(
      client,
      "PUT",
      `/api/admin/modules/${slug}/draft`,
      { revision: 1, draft },
      token,
    );
    assert.equal(ok.status, 200);
    const saved = (await ok.json()) as { hints: { path: string }[] };
    assert.deepEqual({ ...saved, hints: [] }, { revision: 2, slug, status: "draft", hints: [] });
    assert.ok(
      saved.hints.some((h) => h.path === "lessons.0.markdown"),
      "the template's placeholder text comes back as hints",
    );

    const stale = await sendJson(
      client,
      "PUT",
      `/api/admin/modules/${slug}/draft`,
      { revision: 1, draft },
      token,
    );
    assert.equal(stale.status, 409);
    const body = (await stale.json()) as { error: string; revision: number };
    assert.equal(body.revision, 2);
    assert.match(body.error, /changed by ada/);
  });

  test("a 150,000-character lesson gets 400 with fields['lessons.0.markdown']", async () => {
    const { slug } = await createModule({ title: "Long lesson", slug: "long-lesson", actor: ada });
    const draft = await storedDraft(slug);
    const lesson = draft.lessons[0];
    assert.ok(lesson);
    lesson.markdown = "word ".repeat(30_000);
    const res = await sendJson(
      client,
      "PUT",
      `/api/admin/modules/${slug}/draft`,
      { revision: 1, draft },
      token,
    );
    assert.equal(res.status, 400);
    const body = (await res.json()) as { error: string; fields: Record<string, string> };
    assert.match(body.fields["lessons.0.markdown"] ?? "", /at most 100,000 characters/);
    assert.equal((await Module.findOne({ slug }).lean())?.revision, 1);
  });

  test("a 2 MB request gets 413 with a message a person can act on", async () => {
    const { slug } = await createModule({ title: "Huge lesson", slug: "huge-lesson", actor: ada });
    const draft = await storedDraft(slug);
    const lesson = draft.lessons[0];
    assert.ok(lesson);
    lesson.markdown = "x".repeat(2 * 1024 * 1024);
    const res = await sendJson(
      client,
      "PUT",
      `/api/admin/modules/${slug}/draft`,
      { revision: 1, draft },
      token,
    );
    assert.equal(res.status, 413);
    const body = (await res.json()) as { error: string };
    assert.match(
      body.error,
      /larger than Rapport accepts \(1 MB per request; a lesson may have at most 100,000 characters\)/,
    );
  });

  test("an unknown module is 404 and a missing revision is a field error", async () => {
    const missing = await sendJson(
      client,
      "PUT",
      "/api/admin/modules/no-such/draft",
      { revision: 1, draft: {} },
      token,
    );
    assert.equal(missing.status, 404);
    const noRevision = await sendJson(
      client,
      "PUT",
      "/api/admin/modules/over-http/draft",
      { draft: {} },
      token,
    );
    assert.equal(noRevision.status, 400);
    assert.ok("revision" in ((await noRevision.json()) as { fields: object }).fields);
  });
});
