import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { archiveModule } from "../../server/authoring/archive-module.ts";
import { duplicateModule } from "../../server/authoring/duplicate-module.ts";
import type { RequestActor } from "../../server/authoring/route-helpers.ts";
import { Module } from "../../server/content/module-model.ts";
import { moduleContent } from "../../server/content/module-schema.ts";
import { catalogFor } from "../../server/player/catalog.ts";
import {
  auditCount,
  csrfToken,
  loadLibrary,
  makeUser,
  sendJson,
  signIn,
  storedDraft,
} from "../helpers/authoring-api.ts";
import type { HttpClient } from "../helpers/http-client.ts";
import { startTestApp } from "../helpers/test-app.ts";

let app: Awaited<ReturnType<typeof startTestApp>>;
let ada: RequestActor;
let learner: RequestActor;

before(async () => {
  app = await startTestApp(import.meta.url);
  ada = await makeUser("author", "ada@example.org");
  learner = await makeUser("learner", "lee@example.org");
  await loadLibrary();
});
after(async () => {
  await app.stop();
});

describe("duplicate", () => {
  test("copies the draft as an unpublished <slug>-copy, then -copy-2", async () => {
    const first = await duplicateModule({ slug: "trust", actor: ada });
    assert.equal(first.slug, "trust-copy");
    const second = await duplicateModule({ slug: "trust", actor: ada });
    assert.equal(second.slug, "trust-copy-2");

    const original = await storedDraft("trust");
    const copy = await Module.findOne({ slug: "trust-copy" }).lean();
    assert.ok(copy);
    assert.equal(copy.publishedVersion, 0);
    assert.equal(copy.title, `${original.title} (copy)`);
    const draft = moduleContent.parse(copy.draft);
    assert.deepEqual(draft.lessons, original.lessons);
    assert.equal(draft.slug, "trust-copy");
    assert.equal(await auditCount("module.duplicate", "trust-copy"), 1);
  });
});

describe("archive", () => {
  test("hides a module from the catalog and the authors' list, and restores it", async () => {
    const before = (await catalogFor(learner.id)).map((e) => e.slug);
    assert.ok(before.includes("conflict"));
    await archiveModule({ slug: "conflict", archived: true, actor: ada });
    assert.ok(!(await catalogFor(learner.id)).some((e) => e.slug === "conflict"));
    await archiveModule({ slug: "conflict", archived: true, actor: ada });
    assert.equal(await auditCount("module.archive", "conflict"), 1, "a repeat is not a new event");

    await archiveModule({ slug: "conflict", archived: false, actor: ada });
    assert.ok((await catalogFor(learner.id)).some((e) => e.slug === "conflict"));
    assert.equal(await auditCount("module.unarchive", "conflict"), 1);
  });
});

describe("forms on /admin/modules (no JS)", () => {
  let client: HttpClient;
  before(async () => {
    client = await signIn(app.baseUrl, "ada@example.org");
  });

  test("create redirects (303) into the new module's editor; errors re-render the list with the values", async () => {
    const ok = await client.postForm(
      "/admin/modules",
      { title: "Asking for help", slug: "asking-for-help" },
      "/admin/modules",
    );
    assert.equal(ok.status, 303);
    assert.equal(ok.headers.get("location"), "/admin/modules/asking-for-help");
    assert.ok(await Module.exists({ slug: "asking-for-help" }));

    const bad = await client.postForm(
      "/admin/modules",
      { title: "Asking again", slug: "asking-for-help" },
      "/admin/modules",
    );
    assert.equal(bad.status, 400);
    const html = await bad.text();
    assert.match(html, /already used by another module/);
    assert.match(html, /value="Asking again"/);
    assert.equal(await Module.countDocuments({ title: "Asking again" }), 0);
  });

  test("a blank slug is not made up silently: the form comes back with one to confirm", async () => {
    const res = await client.postForm(
      "/admin/modules",
      { title: "Saying thank you", slug: "" },
      "/admin/modules",
    );
    assert.equal(res.status, 400);
    const html = await res.text();
    assert.match(html, /Check the suggested slug “saying-thank”/);
    assert.match(html, /id="f-slug" name="slug" type="text"\s+value="saying-thank"/);
    assert.equal(await Module.countDocuments({ title: "Saying thank you" }), 0, "nothing created");

    const confirmed = await client.postForm(
      "/admin/modules",
      { title: "Saying thank you", slug: "saying-thank" },
      "/admin/modules",
    );
    assert.equal(confirmed.status, 303);
    assert.equal(confirmed.headers.get("location"), "/admin/modules/saying-thank");

    // The same title again: the suggestion says a module like it exists, and is a free slug.
    const again = await client.postForm(
      "/admin/modules",
      { title: "Saying thank you", slug: "" },
      "/admin/modules",
    );
    assert.equal(again.status, 400);
    const second = await again.text();
    assert.match(second, /already exists/);
    assert.match(second, /value="saying-thank-2"/);
    assert.equal(await Module.countDocuments({ title: "Saying thank you" }), 1);
  });

  test("duplicate and archive forms redirect back to the list", async () => {
    const dup = await client.postForm("/admin/modules/trust/duplicate", {}, "/admin/modules");
    assert.equal(dup.status, 303);
    assert.ok(await Module.exists({ slug: "trust-copy-3" }));

    const arch = await client.postForm(
      "/admin/modules/trust-copy-3/archive",
      { archived: "true" },
      "/admin/modules",
    );
    assert.equal(arch.status, 303);
    assert.equal((await Module.findOne({ slug: "trust-copy-3" }).lean())?.archived, true);
    const list = await (await client.get("/admin/modules")).text();
    assert.doesNotMatch(list, /trust-copy-3/);
    const withArchived = await (await client.get("/admin/modules?archived=1")).text();
    assert.match(withArchived, /trust-copy-3/);
  });

  test("JSON duplicate and archive answer 201 {slug} and 200", async () => {
    const token = await csrfToken(client);
    const dup = await sendJson(client, "POST", "/api/admin/modules/trust/duplicate", {}, token);
    assert.equal(dup.status, 201);
    assert.deepEqual(await dup.json(), { slug: "trust-copy-4" });
    const arch = await sendJson(
      client,
      "POST",
      "/api/admin/modules/trust-copy-4/archive",
      { archived: true },
      token,
    );
    assert.equal(arch.status, 200);
    const list = (await (
      await client.get("/api/admin/modules?q=trust", "application/json")
    ).json()) as { modules: { slug: string }[] };
    assert.ok(!list.modules.some((m) => m.slug === "trust-copy-4"));
  });
});
