// Issue #13 item 5: every anonymous view of /login used to store a session (for its CSRF token),
// kept 14 days, so anyone could grow the session store without limit.
import assert from "node:assert/strict";
import http from "node:http";
import { after, before, test } from "node:test";
import { createUser } from "../../server/auth/create-user.ts";
import { SESSION_COOKIE } from "../../server/http/session.ts";
import { HttpClient } from "../helpers/http-client.ts";
import { startTestApp } from "../helpers/test-app.ts";

let app: Awaited<ReturnType<typeof startTestApp>>;
const PASSWORD = "a real person's passphrase";
const VIEWS = 5_000;
const CONCURRENCY = 25;

before(async () => {
  app = await startTestApp(import.meta.url);
  await createUser({ email: "ana@example.com", displayName: "Ana", password: PASSWORD });
});
after(async () => {
  agent.destroy();
  await app.stop();
});

// node:http with kept-alive connections: thousands of fetch() calls cost the client more CPU
// than the server spends answering them.
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
function view(path: string): Promise<{ status: number; setCookie: string[] }> {
  return new Promise((resolve, reject) => {
    http
      .get(`${app.baseUrl}${path}`, { agent, headers: { accept: "text/html" } }, (res) => {
        res.resume();
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, setCookie: res.headers["set-cookie"] ?? [] }),
        );
      })
      .on("error", reject);
  });
}

const sessionCount = () => app.db.connection.collection("sessions").countDocuments();

test(`${VIEWS} anonymous views of /login store no session, and a real person still signs in`, async () => {
  let next = 0;
  let sessionCookies = 0;
  const worker = async () => {
    while (next < VIEWS) {
      next++;
      const res = await view("/login");
      assert.equal(res.status, 200);
      if (res.setCookie.some((c) => c.startsWith(`${SESSION_COOKIE}=`))) {
        sessionCookies++;
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  assert.equal(sessionCookies, 0, "no session cookie is handed to a signed-out visitor");
  assert.equal(await sessionCount(), 0, "the session store did not grow");

  for (const path of ["/register", "/setup", "/", "/no-such-page", "/healthz"]) {
    await view(path);
  }
  assert.equal(await sessionCount(), 0, "no other signed-out page stores a session either");

  const person = new HttpClient(app.baseUrl);
  const typo = await person.postForm(
    "/login",
    { email: "ana@example.com", password: "not my passphrase" },
    "/login",
  );
  assert.equal(typo.status, 401);
  assert.equal(await sessionCount(), 0, "a failed sign-in stores no session either");
  const signIn = await person.postForm(
    "/login",
    { email: "ana@example.com", password: PASSWORD },
    "/login",
  );
  assert.equal(signIn.status, 302);
  assert.equal((await person.get("/dashboard")).status, 200);
  assert.equal(await sessionCount(), 1, "signing in stores exactly one session");
});

test("a forged sign-in post is still refused with 403", async () => {
  const visitor = new HttpClient(app.baseUrl);
  const token = await visitor.csrfFrom("/login");
  const fields = { email: "ana@example.com", password: PASSWORD };

  const noToken = await visitor.postForm("/login", fields);
  const wrongToken = await visitor.postForm("/login", { ...fields, _csrf: `${token}x` });
  // Another site can fetch a token for itself, but cannot make the visitor's browser send the
  // cookie it belongs to.
  const otherBrowser = new HttpClient(app.baseUrl);
  const tokenWithoutItsCookie = await otherBrowser.postForm("/login", { ...fields, _csrf: token });
  for (const res of [noToken, wrongToken, tokenWithoutItsCookie]) {
    assert.equal(res.status, 403);
    assert.match(await res.text(), /expired or was not sent from Rapport/);
  }
  const forgedRegistration = await new HttpClient(app.baseUrl).postForm("/register", {
    email: "eve@example.com",
    displayName: "Eve",
    password: "a long enough password",
  });
  assert.equal(forgedRegistration.status, 403);
  assert.equal(await sessionCount(), 1, "refused posts store no session");
});
