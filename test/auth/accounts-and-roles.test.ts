import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createUser } from "../../server/auth/create-user.ts";
import { User } from "../../server/auth/user-model.ts";
import { SESSION_COOKIE } from "../../server/http/session.ts";
import { HttpClient } from "../helpers/http-client.ts";
import { startTestApp } from "../helpers/test-app.ts";

let app: Awaited<ReturnType<typeof startTestApp>>;
const PASSWORD = "correct horse battery";

async function signIn(email: string, password = PASSWORD): Promise<HttpClient> {
  const client = new HttpClient(app.baseUrl);
  const res = await client.postForm("/login", { email, password }, "/login");
  assert.equal(res.status, 302, `sign-in as ${email} should redirect`);
  return client;
}

before(async () => {
  app = await startTestApp(import.meta.url);
});
after(async () => {
  await app.stop();
});

describe("first run", () => {
  test("/setup creates the first admin, then disappears", async () => {
    const visitor = new HttpClient(app.baseUrl);
    assert.match(await (await visitor.get("/login")).text(), /Set up the first admin account/);
    assert.equal((await visitor.get("/setup")).status, 200);
    const res = await visitor.postForm(
      "/setup",
      { email: "Admin@Example.com", displayName: "Ada", password: PASSWORD },
      "/setup",
    );
    assert.equal(res.status, 302);
    const admin = await User.findOne({ email: "admin@example.com" });
    assert.equal(admin?.role, "admin");
    assert.equal((await new HttpClient(app.baseUrl).get("/setup")).status, 404);
    const again = await new HttpClient(app.baseUrl).postForm(
      "/setup",
      { email: "second@example.com", displayName: "Eve", password: PASSWORD },
      "/login",
    );
    assert.equal(again.status, 404);
    assert.equal(await User.countDocuments({ role: "admin" }), 1);
  });
});

describe("accounts", () => {
  test("a visitor registers as a learner, whatever role the form claims, and sees the dashboard", async () => {
    const client = new HttpClient(app.baseUrl);
    const res = await client.postForm(
      "/register",
      { email: "lee@example.com", displayName: "Lee", password: PASSWORD, role: "admin" },
      "/register",
    );
    assert.equal(res.status, 302);
    assert.equal(res.headers.get("location"), "/dashboard");
    assert.equal((await User.findOne({ email: "lee@example.com" }))?.role, "learner");
    const dash = await client.get("/dashboard");
    assert.equal(dash.status, 200);
    assert.match(await dash.text(), /Welcome, Lee/);
  });

  test("registration errors are shown next to the fields and create nothing", async () => {
    const client = new HttpClient(app.baseUrl);
    const res = await client.postForm(
      "/register",
      { email: "not-an-email", displayName: "", password: "short" },
      "/register",
    );
    assert.equal(res.status, 400);
    const html = await res.text();
    assert.match(html, /id="f-email-error"[^>]*>.*valid email/s);
    assert.match(html, /at least 10 characters/);
    assert.match(html, /aria-invalid="true"/);
    assert.equal(await User.countDocuments({ email: "not-an-email" }), 0);
    const dup = await client.postForm(
      "/register",
      { email: "lee@example.com", displayName: "Lee 2", password: PASSWORD },
      "/register",
    );
    assert.equal(dup.status, 400);
    assert.match(await dup.text(), /already exists/);
  });

  test("passwords are stored as argon2id hashes", async () => {
    const user = await User.findOne({ email: "lee@example.com" }).select("+passwordHash");
    assert.match(user?.passwordHash ?? "", /^\$argon2id\$/);
    assert.ok(!user?.passwordHash?.includes(PASSWORD));
  });

  test("sign-in gives a new session id, and sign-out ends the session", async () => {
    const client = await signIn("lee@example.com");
    const before = client.cookie(SESSION_COOKIE);
    assert.ok(before, "signing in starts a session");
    // Signing in again (a second tab) with the signed-in page's token.
    const res = await client.postForm(
      "/login",
      { email: "lee@example.com", password: PASSWORD },
      "/dashboard",
    );
    assert.equal(res.status, 302);
    const afterLogin = client.cookie(SESSION_COOKIE);
    assert.ok(afterLogin && afterLogin !== before, "session id must change at sign-in");
    const sessions = app.db.connection.collection("sessions");
    assert.ok((await sessions.countDocuments()) > 0, "sessions are stored in the database");
    const out = await client.postForm("/logout", {}, "/dashboard");
    assert.equal(out.status, 302);
    const dash = await client.get("/dashboard");
    assert.equal(dash.status, 302);
  });

  test("a wrong password is refused with one message that does not say which part was wrong", async () => {
    const client = new HttpClient(app.baseUrl);
    const wrong = await client.postForm(
      "/login",
      { email: "lee@example.com", password: "nope-nope-nope" },
      "/login",
    );
    const unknown = await client.postForm(
      "/login",
      { email: "who@example.com", password: PASSWORD },
      "/login",
    );
    assert.equal(wrong.status, 401);
    assert.equal(unknown.status, 401);
    assert.match(await wrong.text(), /do not match an account/);
    assert.match(await unknown.text(), /do not match an account/);
  });

  test("a disabled account cannot sign in and loses its session", async () => {
    await createUser({ email: "gone@example.com", displayName: "Gone", password: PASSWORD });
    const client = await signIn("gone@example.com");
    await User.updateOne({ email: "gone@example.com" }, { disabled: true });
    assert.equal((await client.get("/dashboard")).status, 302);
    const again = await new HttpClient(app.baseUrl).postForm(
      "/login",
      { email: "gone@example.com", password: PASSWORD },
      "/login",
    );
    assert.equal(again.status, 401);
  });
});

describe("guards", () => {
  test("a signed-out visitor is sent to sign in, and gets 401 from the API", async () => {
    const visitor = new HttpClient(app.baseUrl);
    const page = await visitor.get("/admin/modules");
    assert.equal(page.status, 302);
    assert.equal(page.headers.get("location"), "/login?next=%2Fadmin%2Fmodules");
    const api = await visitor.get("/api/admin/modules", "application/json");
    assert.equal(api.status, 401);
  });

  test("a learner gets 403 on author routes; an author and an admin get in", async () => {
    const learner = await signIn("lee@example.com");
    assert.equal((await learner.get("/admin/modules")).status, 403);
    assert.equal((await learner.get("/api/admin/modules", "application/json")).status, 403);
    await createUser({
      email: "ann@example.com",
      displayName: "Ann",
      password: PASSWORD,
      role: "author",
    });
    const author = await signIn("ann@example.com");
    assert.equal((await author.get("/admin/modules")).status, 200);
    const admin = await signIn("admin@example.com");
    assert.equal((await admin.get("/admin/modules")).status, 200);
  });

  test("the next parameter never leads off-site", async () => {
    const client = new HttpClient(app.baseUrl);
    const res = await client.postForm(
      "/login",
      { email: "lee@example.com", password: PASSWORD, next: "//evil.example.com/" },
      "/login",
    );
    assert.equal(res.headers.get("location"), "/dashboard");
  });
});

describe("security defaults", () => {
  test("a form posted without its CSRF token is refused and changes nothing", async () => {
    const client = new HttpClient(app.baseUrl);
    await client.get("/register");
    const res = await client.postForm("/register", {
      email: "csrf@example.com",
      displayName: "C",
      password: PASSWORD,
    });
    assert.equal(res.status, 403);
    assert.equal(await User.countDocuments({ email: "csrf@example.com" }), 0);
    const forged = await client.postForm("/register", {
      _csrf: "forged-token",
      email: "csrf@example.com",
      displayName: "C",
      password: PASSWORD,
    });
    assert.equal(forged.status, 403);
  });

  test("security headers are set on every page", async () => {
    const res = await new HttpClient(app.baseUrl).get("/login");
    const csp = res.headers.get("content-security-policy") ?? "";
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /script-src 'self'/);
    assert.match(csp, /frame-ancestors 'self'/);
    assert.equal(res.headers.get("x-content-type-options"), "nosniff");
    assert.equal(res.headers.get("x-frame-options"), "SAMEORIGIN");
    assert.equal(res.headers.get("x-powered-by"), null);
  });

  test("unknown routes get a 404 page or JSON", async () => {
    const client = new HttpClient(app.baseUrl);
    const page = await client.get("/no/such/page");
    assert.equal(page.status, 404);
    assert.match(await page.text(), /There is no page at this address/);
    const api = await client.get("/api/nothing", "application/json");
    assert.equal(api.status, 404);
    assert.deepEqual(await api.json(), { error: "Not found" });
  });

  test("an oversized form body is refused", async () => {
    const client = new HttpClient(app.baseUrl);
    const res = await client.postForm(
      "/login",
      { email: "x".repeat(200_000), password: "p" },
      "/login",
    );
    assert.equal(res.status, 413);
  });

  test("no password, hash or secret appears in any log line or page", async () => {
    const all = app.logs.lines.join("\n");
    assert.ok(app.logs.lines.length > 10, "the app logged requests");
    assert.ok(!all.includes(PASSWORD), "password in logs");
    assert.ok(!all.includes("$argon2"), "hash in logs");
    assert.ok(!all.includes("test-secret-test-secret"), "session secret in logs");
    assert.ok(!/rapport\.sid=/.test(all), "session cookie in logs");
    const admin = await signIn("admin@example.com");
    for (const path of ["/dashboard", "/admin/modules", "/login"]) {
      const html = await (await admin.get(path)).text();
      assert.ok(!html.includes("$argon2") && !html.includes(PASSWORD), `secret on ${path}`);
    }
  });
});
