import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { requestPasswordReset } from "../../server/account/password-reset.ts";
import { createUser } from "../../server/auth/create-user.ts";
import { User } from "../../server/auth/user-model.ts";
import { createMailer } from "../../server/mail/mailer.ts";
import { HttpClient } from "../helpers/http-client.ts";
import { LEARNER_PASSWORD } from "../helpers/learner.ts";
import { linkIn, type SmtpInbox, startSmtpInbox } from "../helpers/smtp-inbox.ts";
import { startTestApp } from "../helpers/test-app.ts";

const PUBLIC_URL = "https://rapport.example.org";
const NEW_PASSWORD = "a brand new password 7";
let clockNow: Date | null = null;
let inbox: SmtpInbox;
let app: Awaited<ReturnType<typeof startTestApp>>;

before(async () => {
  inbox = await startSmtpInbox();
  app = await startTestApp(import.meta.url, {
    review: {
      mailer: createMailer({ smtpUrl: inbox.url, from: "Rapport <r@example.org>", outboxDir: "" }),
      outboxDir: null,
      publicUrl: PUBLIC_URL,
      clock: () => clockNow ?? new Date(),
    },
  });
  for (const [email, name] of [
    ["ana@example.com", "Ana"],
    ["ben@example.com", "Ben"],
    ["gone@example.com", "Gone"],
  ] as const) {
    await createUser({ email, displayName: name, password: LEARNER_PASSWORD });
  }
  await User.updateOne({ email: "gone@example.com" }, { $set: { disabled: true } });
});
after(async () => {
  await app.stop();
  await inbox.close();
});

async function signIn(email: string, password: string) {
  const client = new HttpClient(app.baseUrl);
  const res = await client.postForm("/login", { email, password }, "/login");
  return { client, status: res.status };
}

async function askForLink(email: string) {
  const client = new HttpClient(app.baseUrl);
  const res = await client.postForm("/forgot-password", { email }, "/forgot-password");
  return { status: res.status, body: (await res.text()).replaceAll(email, "EMAIL") };
}

const mailsTo = (email: string) => inbox.mails.filter((m) => m.envelopeTo.includes(email));

/** The path of the newest reset link mailed to `email`. */
async function newestLink(email: string, count: number): Promise<string> {
  await inbox.waitFor(() => mailsTo(email).length >= count);
  const mail = mailsTo(email).at(-1);
  assert.ok(mail);
  const link = linkIn(mail, "/reset-password/");
  assert.ok(link.startsWith(`${PUBLIC_URL}/reset-password/`), "links use PUBLIC_URL");
  return new URL(link).pathname;
}

test("the answer is the same whether or not the email has an account", async () => {
  const unknown = await askForLink("nobody@example.com");
  const disabled = await askForLink("gone@example.com");
  const known = await askForLink("ben@example.com");
  assert.equal(known.status, 200);
  assert.deepEqual(unknown, known);
  assert.deepEqual(disabled, known);
  await newestLink("ben@example.com", 1);
  assert.equal(mailsTo("nobody@example.com").length, 0);
  assert.equal(mailsTo("gone@example.com").length, 0);
  // A malformed address is a form error, which says nothing about accounts.
  assert.equal((await askForLink("not an email")).status, 400);
});

test("a link works once, and a reset ends every session of the account", async () => {
  const phone = await signIn("ana@example.com", LEARNER_PASSWORD);
  const laptop = await signIn("ana@example.com", LEARNER_PASSWORD);
  assert.equal((await phone.client.get("/dashboard")).status, 200);
  assert.equal((await laptop.client.get("/dashboard")).status, 200);

  await askForLink("ana@example.com");
  const path = await newestLink("ana@example.com", 1);
  const browser = new HttpClient(app.baseUrl);
  assert.equal((await browser.get(path)).status, 200);

  const token = path.split("/").pop() ?? "";
  const mismatch = await browser.postForm(
    "/reset-password",
    { token, password: NEW_PASSWORD, confirm: "something else entirely" },
    path,
  );
  assert.equal(mismatch.status, 400);
  assert.match(await mismatch.text(), /The two passwords are different/);
  const common = await browser.postForm(
    "/reset-password",
    { token, password: "password123", confirm: "password123" },
    path,
  );
  assert.equal(common.status, 400, "the registration rules apply");
  assert.match(await common.text(), /commonly used/);
  const own = await browser.postForm(
    "/reset-password",
    { token, password: "ana@example.com rules", confirm: "ana@example.com rules" },
    path,
  );
  assert.equal(own.status, 400, "and not the account's own email");
  assert.equal((await browser.get(path)).status, 200, "a refused form does not use the link up");

  const done = await browser.postForm(
    "/reset-password",
    { token, password: NEW_PASSWORD, confirm: NEW_PASSWORD },
    path,
  );
  assert.equal(done.status, 303);
  assert.equal(done.headers.get("location"), "/login?reset=1");
  assert.match(await (await browser.get("/login?reset=1")).text(), /password has been changed/);

  // Used up.
  assert.equal((await browser.get(path)).status, 410);
  const reuse = await browser.postForm(
    "/reset-password",
    { token, password: "yet another password 9", confirm: "yet another password 9" },
    "/forgot-password",
  );
  assert.equal(reuse.status, 410);

  // Both old sessions are signed out; the old password no longer works, the new one does.
  const phoneAfter = await phone.client.get("/dashboard");
  assert.equal(phoneAfter.status, 302);
  assert.match(phoneAfter.headers.get("location") ?? "", /^\/login/);
  assert.equal((await laptop.client.get("/dashboard")).status, 302);
  assert.equal((await signIn("ana@example.com", LEARNER_PASSWORD)).status, 401);
  assert.equal((await signIn("ana@example.com", NEW_PASSWORD)).status, 302);

  // The request log saw these pages, but never the token.
  const logged = app.logs.lines.join("\n");
  assert.match(logged, /\/reset-password\/\[redacted\]/);
  assert.ok(!logged.includes(token), "the reset token is not in the logs");
});

test("a link expires after an hour", async () => {
  const start = new Date();
  clockNow = start;
  await askForLink("ben@example.com");
  const path = await newestLink("ben@example.com", 2);
  const browser = new HttpClient(app.baseUrl);

  clockNow = new Date(start.getTime() + 59 * 60_000);
  assert.equal((await browser.get(path)).status, 200, "still good after 59 minutes");

  clockNow = new Date(start.getTime() + 60 * 60_000 + 1000);
  const late = await browser.get(path);
  assert.equal(late.status, 410);
  assert.match(await late.text(), /expired or has already been used/);
  const post = await browser.postForm(
    "/reset-password",
    { token: path.split("/").pop() ?? "", password: NEW_PASSWORD, confirm: NEW_PASSWORD },
    "/forgot-password",
  );
  assert.equal(post.status, 410);
  assert.equal((await signIn("ben@example.com", LEARNER_PASSWORD)).status, 302, "unchanged");
  clockNow = null;
});

test("an account gets at most three links an hour, even when asked four times at once", async () => {
  await createUser({ email: "cap@example.com", displayName: "Cap", password: LEARNER_PASSWORD });
  clockNow = new Date("2031-03-04T10:20:00Z");
  // Four more requests from this address make ten this hour, its limit.
  const answers = await Promise.all(Array.from({ length: 4 }, () => askForLink("cap@example.com")));
  assert.deepEqual(
    answers.map((a) => a.status),
    [200, 200, 200, 200],
  );
  await inbox.waitFor(() => mailsTo("cap@example.com").length >= 3);
  await new Promise((r) => setTimeout(r, 1000));
  assert.equal(mailsTo("cap@example.com").length, 3);
  // The next hour, one more.
  const next = await requestPasswordReset({
    email: "cap@example.com",
    now: new Date("2031-03-04T11:00:00Z"),
    mailer: createMailer({ smtpUrl: inbox.url, from: "Rapport <r@example.org>", outboxDir: "" }),
    publicUrl: PUBLIC_URL,
  });
  assert.equal(next, "sent");
  assert.equal(
    (await askForLink("cap@example.com")).status,
    429,
    "and the address is at its limit",
  );
  clockNow = null;
});
