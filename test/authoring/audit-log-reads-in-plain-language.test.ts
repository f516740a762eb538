import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { describeAuditEvents } from "../../server/audit/describe-audit-events.ts";
import { listAuditEvents } from "../../server/audit/list-audit-events.ts";
import { changeUserRole, setUserDisabled } from "../../server/auth/admin-users.ts";
import { createModule } from "../../server/authoring/create-module.ts";
import { publishModule } from "../../server/authoring/publish-module.ts";
import type { RequestActor } from "../../server/authoring/route-helpers.ts";
import { saveDraft } from "../../server/authoring/save-draft.ts";
import { Module } from "../../server/content/module-model.ts";
import { keepPlaceholders, makeUser, signIn, storedDraft } from "../helpers/authoring-api.ts";
import { startTestApp } from "../helpers/test-app.ts";

// Issue #14, item 5: the audit log showed raw ids and codes (`user 6b0e13…`, `user.disable`).
// It now names people and modules and says what happened in words.

let app: Awaited<ReturnType<typeof startTestApp>>;
let root: RequestActor;
let bob: RequestActor;

before(async () => {
  app = await startTestApp(import.meta.url);
  root = await makeUser("admin", "root@example.org");
  bob = await makeUser("author", "bob@example.org");
  const { slug } = await createModule({ title: "Saying no", slug: "saying-no", actor: bob });
  const draft = keepPlaceholders(await storedDraft(slug));
  await saveDraft({ slug, revision: 1, draft: { ...draft, slug: "saying-no-kindly" }, actor: bob });
  const mod = await Module.findOne({ slug: "saying-no-kindly" }).lean();
  assert.ok(mod);
  await publishModule({ moduleId: mod._id, actor: bob, note: "First cut" });
  await changeUserRole({ actor: { ...root }, userId: bob.id, role: "admin" });
  await setUserDisabled({ actor: { ...root }, userId: bob.id, disabled: true });
});
after(async () => {
  await app.stop();
});

test("each event is a sentence with the person's name and the module's current title", async () => {
  const lines = await describeAuditEvents(await listAuditEvents({ limit: 10 }));
  const said = lines.map((l) =>
    [l.who, l.what.before, l.what.target?.text, l.what.after, l.note].filter(Boolean).join(" "),
  );
  assert.deepEqual(said, [
    "root Disabled the account of bob",
    "root Changed the role of bob from author to admin",
    "bob Published version 1 of Saying no Note: First cut",
    "bob Saved a draft of Saying no Slug changed from “saying-no”",
    "bob Created Saying no",
  ]);
  // A module links to where it is now, whatever its slug was then.
  assert.equal(lines[4]?.what.target?.href, "/admin/modules/saying-no-kindly");
});

test("the audit page shows no action codes and no ids", async () => {
  const client = await signIn(app.baseUrl, "root@example.org");
  const html = await (await client.get("/admin/audit")).text();
  assert.match(html, /Disabled the account of <strong>bob<\/strong>/);
  assert.match(html, /Published version 1 of <a href="\/admin\/modules\/saying-no-kindly">/);
  assert.doesNotMatch(html, /user\.disable|module\.publish|user\.role/);
  assert.doesNotMatch(html, new RegExp(bob.id));
});
