import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createModule } from "../../server/authoring/create-module.ts";
import { diffVersions } from "../../server/authoring/diff-versions.ts";
import { publishModule } from "../../server/authoring/publish-module.ts";
import type { RequestActor } from "../../server/authoring/route-helpers.ts";
import { saveDraft } from "../../server/authoring/save-draft.ts";
import { versionHistory } from "../../server/authoring/version-history.ts";
import { Module } from "../../server/content/module-model.ts";
import { ModuleVersion } from "../../server/content/module-version-model.ts";
import {
  auditCount,
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

before(async () => {
  app = await startTestApp(import.meta.url);
  ada = await makeUser("author", "ada@example.org");
});
after(async () => {
  await app.stop();
});

describe("publish, history and diff (commands)", () => {
  test("publish v1, edit a lesson, publish v2: the diff shows that lesson changed", async () => {
    const { slug } = await createModule({ title: "Listening well", slug: "listening", actor: ada });
    const draft = keepPlaceholders(await storedDraft(slug));
    draft.lessons.push({
      id: "second",
      title: "Second lesson",
      minutes: 2,
      markdown: "Listen before you answer.",
      checks: [],
    });
    await saveDraft({ slug, revision: 1, draft, actor: ada });
    const mod = await Module.findOne({ slug }).lean();
    assert.ok(mod);
    assert.deepEqual(await publishModule({ moduleId: mod._id, note: "First cut", actor: ada }), {
      version: 1,
    });

    const edited = await storedDraft(slug);
    const second = edited.lessons[1];
    assert.ok(second);
    second.markdown = "Listen fully before you answer.";
    await saveDraft({ slug, revision: 2, draft: edited, actor: ada });
    assert.equal(
      (await Module.findOne({ slug }).lean())?.publishedVersion,
      1,
      "saving never publishes",
    );
    await publishModule({ moduleId: mod._id, actor: ada });

    const history = await versionHistory({ slug });
    assert.deepEqual(
      history.map((v) => [v.version, v.note, v.publishedBy]),
      [
        [2, "", "ada"],
        [1, "First cut", "ada"],
      ],
    );
    const v2 = await ModuleVersion.findOne({ slug, version: 2 }).lean();
    assert.equal(String(v2?.publishedBy), ada.id);

    const { lessons } = await diffVersions({ slug, from: 1, to: 2 });
    assert.deepEqual(
      lessons.map((l) => [l.id, l.status]),
      [
        ["lesson-1", "unchanged"],
        ["second", "changed"],
      ],
    );
    const changed = lessons[1]?.parts ?? [];
    assert.deepEqual(
      changed.filter((p) => p.added).map((p) => p.value.trim()),
      ["fully"],
    );
    assert.equal(await auditCount("module.publish", slug), 2);
  });
});

describe("publish, history and diff (HTTP)", () => {
  let client: HttpClient;
  let token: string;
  before(async () => {
    client = await signIn(app.baseUrl, "ada@example.org");
    token = await csrfToken(client);
  });

  test("POST publish gives 201 {version}; versions and diff answer as the contract says", async () => {
    const create = await sendJson(
      client,
      "POST",
      "/api/admin/modules",
      { title: "Over the wire", slug: "wire" },
      token,
    );
    assert.equal(create.status, 201);
    assert.deepEqual(await create.json(), { slug: "wire" });

    // The new module is all template text: publishing it is refused, field by field.
    const blocked = await sendJson(
      client,
      "POST",
      "/api/admin/modules/wire/publish",
      { note: "v1" },
      token,
    );
    assert.equal(blocked.status, 400);
    const { fields } = (await blocked.json()) as { fields: Record<string, string> };
    for (const path of [
      "summary",
      "lessons.0.markdown",
      "quiz.0.prompt",
      "quiz.0.options.1.text",
    ]) {
      assert.match(fields[path] ?? "", /placeholder text/, path);
    }
    assert.equal(await ModuleVersion.countDocuments({ slug: "wire" }), 0);
    const template = (await (
      await client.get("/api/admin/modules/wire", "application/json")
    ).json()) as { module: { revision: number }; draft: unknown };
    const kept = await sendJson(
      client,
      "PUT",
      "/api/admin/modules/wire/draft",
      { revision: template.module.revision, draft: keepPlaceholders(template.draft) },
      token,
    );
    assert.equal(kept.status, 200);
    assert.deepEqual(((await kept.json()) as { hints: unknown[] }).hints, []);

    const first = await sendJson(
      client,
      "POST",
      "/api/admin/modules/wire/publish",
      { note: "v1" },
      token,
    );
    assert.equal(first.status, 201);
    assert.deepEqual(await first.json(), { version: 1 });

    const loaded = (await (
      await client.get("/api/admin/modules/wire", "application/json")
    ).json()) as {
      module: { revision: number; status: string; updatedBy: string };
      draft: { lessons: { title: string; markdown: string }[] };
    };
    assert.equal(loaded.module.status, "published v1");
    assert.equal(loaded.module.updatedBy, "ada");
    const draft = loaded.draft;
    const lesson = draft.lessons[0];
    assert.ok(lesson);
    lesson.title = "Renamed lesson";
    const saved = await sendJson(
      client,
      "PUT",
      "/api/admin/modules/wire/draft",
      { revision: loaded.module.revision, draft },
      token,
    );
    assert.equal(
      ((await saved.json()) as { status: string }).status,
      "published v1, draft changed since",
    );
    // Publishing with the revision loaded before that save is refused: it would publish text
    // this author never saw.
    const stale = await sendJson(
      client,
      "POST",
      "/api/admin/modules/wire/publish",
      { revision: loaded.module.revision },
      token,
    );
    assert.equal(stale.status, 409);
    assert.equal(await ModuleVersion.countDocuments({ slug: "wire" }), 1);
    const current = await sendJson(
      client,
      "POST",
      "/api/admin/modules/wire/publish",
      { revision: loaded.module.revision + 1 },
      token,
    );
    assert.equal(current.status, 201);

    const versions = (await (
      await client.get("/api/admin/modules/wire/versions", "application/json")
    ).json()) as { versions: { version: number; publishedBy: string }[] };
    assert.deepEqual(
      versions.versions.map((v) => v.version),
      [2, 1],
    );
    const diff = (await (
      await client.get("/api/admin/modules/wire/diff?from=1&to=2", "application/json")
    ).json()) as { lessons: { title: string; status: string; previousTitle?: string }[] };
    assert.deepEqual(diff.lessons, [
      {
        id: "lesson-1",
        title: "Renamed lesson",
        previousTitle: "Lesson 1",
        status: "changed",
        parts: [{ value: lesson.markdown }],
      },
    ]);
    const missing = await client.get(
      "/api/admin/modules/wire/diff?from=1&to=9",
      "application/json",
    );
    assert.equal(missing.status, 404);
    const bad = await client.get("/api/admin/modules/wire/diff?from=one&to=2", "application/json");
    assert.equal(bad.status, 400);
  });

  test("preview-markdown renders with the player's sanitizer", async () => {
    const res = await sendJson(
      client,
      "POST",
      "/api/admin/preview-markdown",
      { markdown: "# Hi\n\n**bold** <script>alert(1)</script>" },
      token,
    );
    assert.equal(res.status, 200);
    const { html } = (await res.json()) as { html: string };
    assert.match(html, /<h2>Hi<\/h2>/);
    assert.match(html, /<strong>bold<\/strong>/);
    assert.doesNotMatch(html, /<script/);
  });
});
