import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { AuditEvent } from "../../server/audit/audit-event-model.ts";
import { changeUserRole, setUserDisabled } from "../../server/auth/admin-users.ts";
import { User } from "../../server/auth/user-model.ts";
import { createModule } from "../../server/authoring/create-module.ts";
import { can } from "../../server/authoring/policies.ts";
import type { RequestActor } from "../../server/authoring/route-helpers.ts";
import { Module } from "../../server/content/module-model.ts";
import { HttpError } from "../../server/http/http-errors.ts";
import {
  csrfToken,
  keepPlaceholders,
  makeUser,
  sendJson,
  signIn,
} from "../helpers/authoring-api.ts";
import type { HttpClient } from "../helpers/http-client.ts";
import { startTestApp } from "../helpers/test-app.ts";

let app: Awaited<ReturnType<typeof startTestApp>>;
let admin: RequestActor;
let author: RequestActor;
let learner: RequestActor;

before(async () => {
  app = await startTestApp(import.meta.url);
  admin = await makeUser("admin", "root@example.org");
  author = await makeUser("author", "ada@example.org");
  learner = await makeUser("learner", "lee@example.org");
  await createModule({ title: "Existing module", slug: "existing", actor: author });
});
after(async () => {
  await app.stop();
});

// Every state-changing or reading route under /api/admin and every authoring form post.
const API_ROUTES: [string, string, unknown?][] = [
  ["GET", "/api/admin/modules"],
  ["POST", "/api/admin/modules", { title: "Learner module", slug: "learner-module" }],
  ["GET", "/api/admin/modules/existing"],
  ["PUT", "/api/admin/modules/existing/draft", { revision: 1, draft: {} }],
  ["POST", "/api/admin/modules/existing/duplicate", {}],
  ["POST", "/api/admin/modules/existing/archive", { archived: true }],
  ["POST", "/api/admin/modules/existing/publish", {}],
  ["GET", "/api/admin/modules/existing/versions"],
  ["GET", "/api/admin/modules/existing/diff?from=1&to=1"],
  ["POST", "/api/admin/preview-markdown", { markdown: "hi" }],
  ["POST", "/api/admin/modules/import-article", { text: "Title\n\nBody text here." }],
  ["POST", "/api/admin/modules/import-zip", ""],
  ["GET", "/api/admin/audit"],
  ["GET", "/api/admin/users"],
  ["POST", "/api/admin/users/000000000000000000000000/role", { role: "admin" }],
  ["POST", "/api/admin/users/000000000000000000000000/disabled", { disabled: true }],
];
const FORM_POSTS = [
  "/admin/modules",
  "/admin/modules/existing/duplicate",
  "/admin/modules/existing/archive",
  "/admin/users/000000000000000000000000/role",
  "/admin/users/000000000000000000000000/disabled",
];

describe("who may do what", () => {
  test("a learner gets 403 on every /api/admin route and every authoring form post", async () => {
    const client = await signIn(app.baseUrl, "lee@example.org");
    const token = await csrfToken(client);
    for (const [method, path, body] of API_ROUTES) {
      const res =
        method === "GET"
          ? await client.get(path, "application/json")
          : await sendJson(client, method, path, body ?? {}, token);
      assert.equal(res.status, 403, `${method} ${path}`);
      assert.deepEqual(Object.keys((await res.json()) as object), ["error"]);
    }
    for (const path of FORM_POSTS) {
      const res = await client.postForm(path, { _csrf: token, title: "x", role: "admin" });
      assert.equal(res.status, 403, `POST ${path}`);
    }
    assert.equal(await Module.countDocuments(), 1, "nothing was created");
    assert.equal((await User.findById(learner.id).lean())?.role, "learner");
  });

  test("a JSON POST without the CSRF token is refused with 403", async () => {
    const client = await signIn(app.baseUrl, "ada@example.org");
    const res = await client.postJson("/api/admin/modules", {
      title: "No token",
      slug: "no-token",
    });
    assert.equal(res.status, 403);
    assert.match(
      ((await res.json()) as { error: string }).error,
      /expired or was not sent from Rapport/,
    );
    assert.equal(await Module.exists({ slug: "no-token" }), null);
  });

  test("an author gets 403 on the user admin API and cannot change their own role", async () => {
    const client = await signIn(app.baseUrl, "ada@example.org");
    const token = await csrfToken(client);
    assert.equal((await client.get("/api/admin/users", "application/json")).status, 403);
    const promote = await sendJson(
      client,
      "POST",
      `/api/admin/users/${author.id}/role`,
      { role: "admin" },
      token,
    );
    assert.equal(promote.status, 403);
    assert.equal((await User.findById(author.id).lean())?.role, "author");
    assert.equal(can(author, "change-role", { kind: "user", id: author.id }), false);
  });

  test("an admin cannot change their own role or disable themselves", async () => {
    for (const attempt of [
      changeUserRole({ actor: admin, userId: admin.id, role: "learner" }),
      setUserDisabled({ actor: admin, userId: admin.id, disabled: true }),
    ]) {
      const err = await attempt.catch((e: unknown) => e);
      assert.ok(err instanceof HttpError && err.status === 403);
      assert.match(err.message, /your own/);
    }
    const me = await User.findById(admin.id).lean();
    assert.equal(me?.role, "admin");
    assert.equal(me?.disabled, false);
  });
});

describe("user administration", () => {
  let adminClient: HttpClient;
  let token: string;
  before(async () => {
    adminClient = await signIn(app.baseUrl, "root@example.org");
    token = await csrfToken(adminClient);
  });

  test("lists users without password hashes", async () => {
    const res = await adminClient.get("/api/admin/users", "application/json");
    assert.equal(res.status, 200);
    const { users } = (await res.json()) as { users: Record<string, unknown>[] };
    assert.deepEqual(
      users.map((u) => u.email),
      ["ada@example.org", "lee@example.org", "root@example.org"],
    );
    assert.ok(users.every((u) => !("passwordHash" in u)));
  });

  test("changes a role (effective on the user's next request) and audits it", async () => {
    const lee = await signIn(app.baseUrl, "lee@example.org");
    assert.equal((await lee.get("/api/admin/modules", "application/json")).status, 403);
    const res = await sendJson(
      adminClient,
      "POST",
      `/api/admin/users/${learner.id}/role`,
      { role: "author" },
      token,
    );
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as { user: { role: string } }).user.role, "author");
    assert.equal((await lee.get("/api/admin/modules", "application/json")).status, 200);
    const event = await AuditEvent.findOne({ action: "user.role", "target.id": learner.id }).lean();
    assert.deepEqual(event?.detail, { email: "lee@example.org", from: "learner", to: "author" });
    assert.equal(event?.actorName, "root");

    const bad = await sendJson(
      adminClient,
      "POST",
      `/api/admin/users/${learner.id}/role`,
      { role: "owner" },
      token,
    );
    assert.equal(bad.status, 400);
    assert.ok("role" in ((await bad.json()) as { fields: object }).fields);
  });

  test("disabling a user ends their session at once; the form post redirects", async () => {
    const ada = await signIn(app.baseUrl, "ada@example.org");
    assert.equal((await ada.get("/api/admin/modules", "application/json")).status, 200);
    const res = await adminClient.postForm(`/admin/users/${author.id}/disabled`, {
      _csrf: token,
      disabled: "true",
    });
    assert.equal(res.status, 303);
    assert.equal(res.headers.get("location"), "/admin/users");
    assert.equal((await ada.get("/api/admin/modules", "application/json")).status, 401);
    assert.equal(
      await AuditEvent.countDocuments({ action: "user.disable", "target.id": author.id }),
      1,
    );

    await sendJson(
      adminClient,
      "POST",
      `/api/admin/users/${author.id}/disabled`,
      { disabled: false },
      token,
    );
    assert.equal((await User.findById(author.id).lean())?.disabled, false);
    assert.equal(
      await AuditEvent.countDocuments({ action: "user.enable", "target.id": author.id }),
      1,
    );
  });
});

describe("audit log", () => {
  test("GET /api/admin/audit lists every kind of action, newest first", async () => {
    const client = await signIn(app.baseUrl, "root@example.org");
    const token = await csrfToken(client);
    await sendJson(
      client,
      "PUT",
      "/api/admin/modules/existing/draft",
      {
        revision: 1,
        // Kept as written: the template's placeholder text would stop the publish below.
        draft: keepPlaceholders((await Module.findOne({ slug: "existing" }).lean())?.draft),
      },
      token,
    );
    await sendJson(client, "POST", "/api/admin/modules/existing/publish", { note: "go" }, token);
    await sendJson(client, "POST", "/api/admin/modules/existing/duplicate", {}, token);
    await sendJson(
      client,
      "POST",
      "/api/admin/modules/existing/archive",
      { archived: true },
      token,
    );

    const res = await client.get("/api/admin/audit?limit=100", "application/json");
    assert.equal(res.status, 200);
    const { events } = (await res.json()) as {
      events: { at: string; action: string; actorName: string; target: { slug?: string } }[];
    };
    const actions = new Set(events.map((e) => e.action));
    for (const action of [
      "module.create",
      "module.save",
      "module.publish",
      "module.duplicate",
      "module.archive",
      "user.role",
      "user.disable",
      "user.enable",
    ]) {
      assert.ok(actions.has(action), `${action} is in the log`);
    }
    const times = events.map((e) => Date.parse(e.at));
    assert.deepEqual(
      times,
      [...times].sort((a, b) => b - a),
      "newest first",
    );
    assert.equal(events[0]?.action, "module.archive");
    assert.equal(events[0]?.actorName, "root");
    const limited = await client.get("/api/admin/audit?limit=2", "application/json");
    assert.equal(((await limited.json()) as { events: unknown[] }).events.length, 2);
  });
});
