import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { createUser } from "../../server/auth/create-user.ts";
import { createMailer } from "../../server/mail/mailer.ts";
import { listOutbox } from "../../server/mail/outbox.ts";
import { HttpClient } from "../helpers/http-client.ts";
import { LEARNER_PASSWORD, signedInLearner } from "../helpers/learner.ts";
import { parseMail, type SmtpInbox, startSmtpInbox } from "../helpers/smtp-inbox.ts";
import { startTestApp } from "../helpers/test-app.ts";

const FROM = "Rapport <rapport@example.com>";
const message = {
  to: "ana@example.com",
  subject: "3 questions to review today",
  text: `Hello Ana,\n\nA line long enough that quoted-printable has to wrap it, ${"and then some ".repeat(8)}— déjà vu.\nhttp://localhost:3000/review`,
  headers: { "List-Unsubscribe": "<http://localhost:3000/reminders/unsubscribe?u=x&s=y>" },
};

let inbox: SmtpInbox;
const outboxDir = mkdtempSync(join(tmpdir(), "rapport-outbox-test-"));
before(async () => {
  inbox = await startSmtpInbox();
});
after(async () => {
  await inbox.close();
  rmSync(outboxDir, { recursive: true, force: true });
});

describe("the mail component", () => {
  test("with SMTP_URL, a mail goes through a real SMTP server and arrives as sent", async () => {
    const mailer = createMailer({ smtpUrl: inbox.url, from: FROM, outboxDir });
    assert.equal(mailer.kind, "smtp");
    await mailer.send(message);
    mailer.close();
    const got = await inbox.waitFor((m) => m.envelopeTo.includes("ana@example.com"));
    assert.equal(got.subject, message.subject);
    assert.equal(got.text, message.text);
    assert.equal(got.headers.get("from"), FROM);
    assert.equal(got.headers.get("list-unsubscribe"), message.headers["List-Unsubscribe"]);
    assert.equal(readdirSync(outboxDir).length, 0, "nothing is written to the outbox");
  });

  test("an unreachable SMTP server makes send fail, so the caller can retry", async () => {
    const mailer = createMailer({ smtpUrl: "smtp://127.0.0.1:9", from: FROM, outboxDir });
    await assert.rejects(mailer.send(message));
    mailer.close();
  });

  test("without SMTP_URL, each mail is an .eml and a .json in the outbox, newest first", async () => {
    const mailer = createMailer({ from: FROM, outboxDir });
    assert.equal(mailer.kind, "outbox");
    await mailer.send({ ...message, subject: "first" });
    await mailer.send({ ...message, subject: "second" });
    const listed = await listOutbox(outboxDir);
    assert.deepEqual(
      listed.map((m) => m.subject),
      ["second", "first"],
    );
    const files = readdirSync(outboxDir).sort();
    assert.equal(files.filter((f) => f.endsWith(".eml")).length, 2);
    assert.equal(files.filter((f) => f.endsWith(".tmp")).length, 0);
    const eml = parseMail(readFileSync(join(outboxDir, `${listed[0]?.id}.eml`), "utf8"));
    assert.equal(eml.subject, "second");
    assert.equal(eml.text, message.text, "the .eml is the real message");
  });
});

describe("the outbox page", () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  before(async () => {
    app = await startTestApp(import.meta.url, {
      review: { mailer: createMailer({ from: FROM, outboxDir }), outboxDir },
    });
  });
  after(async () => {
    await app.stop();
  });

  test("admins see the outbox and read a mail; learners may not", async () => {
    await createUser({
      email: "root@example.com",
      displayName: "Root",
      password: LEARNER_PASSWORD,
      role: "admin",
    });
    const admin = new HttpClient(app.baseUrl);
    await admin.postForm(
      "/login",
      { email: "root@example.com", password: LEARNER_PASSWORD },
      "/login",
    );
    const list = await admin.get("/admin/outbox");
    assert.equal(list.status, 200);
    const html = await list.text();
    assert.match(html, /ana@example\.com/);
    const id = html.match(/href="\/admin\/outbox\/([^"]+)">second</)?.[1];
    assert.ok(id, "each mail links to its page");
    const one = await admin.get(`/admin/outbox/${id}`);
    assert.equal(one.status, 200);
    assert.match(await one.text(), /déjà vu/);
    assert.equal((await admin.get("/admin/outbox/..%2Fsession-secret")).status, 404);

    const learner = await signedInLearner(app.baseUrl, "lee@example.com");
    assert.equal((await learner.get("/admin/outbox")).status, 403);
  });
});
