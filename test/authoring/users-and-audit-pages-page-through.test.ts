import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { AuditEvent } from "../../server/audit/audit-event-model.ts";
import { User } from "../../server/auth/user-model.ts";
import { makeUser, signIn } from "../helpers/authoring-api.ts";
import type { HttpClient } from "../helpers/http-client.ts";
import { startTestApp } from "../helpers/test-app.ts";

// The users and audit pages show one page at a time, however many accounts and events there
// are, and following "next" visits every one exactly once.

let app: Awaited<ReturnType<typeof startTestApp>>;
let admin: HttpClient;
const LEARNERS = 130;

before(async () => {
  app = await startTestApp(import.meta.url);
  await makeUser("admin", "root@example.org");
  // Accounts need no real password here; hashing 130 with argon2 would only slow the test.
  await User.insertMany(
    Array.from({ length: LEARNERS }, (_, i) => ({
      email: `learner${String(i).padStart(3, "0")}@example.org`,
      displayName: `Learner ${i}`,
      passwordHash: "not-a-real-hash",
      role: "learner",
    })),
  );
  const base = Date.now();
  await AuditEvent.insertMany(
    Array.from({ length: 250 }, (_, i) => ({
      at: new Date(base - i * 1000),
      actorId: null,
      actorName: "Seed",
      action: "module.create",
      target: { kind: "module", id: `m${i}`, slug: `m${i}` },
      detail: { n: i },
    })),
  );
  admin = await signIn(app.baseUrl, "root@example.org");
});
after(async () => {
  await app.stop();
});

const emailsOn = (html: string) => [...html.matchAll(/data-email="([^"]+)"/g)].map((m) => m[1]);
const nextLink = (html: string) =>
  /<a href="([^"]+)" rel="next">/.exec(html)?.[1]?.replaceAll("&amp;", "&") ?? null;

test("the users page shows 50 accounts a page and its next links reach every account once", async () => {
  const seen: string[] = [];
  let url: string | null = "/admin/users";
  let pages = 0;
  while (url) {
    const res = await admin.get(url);
    assert.equal(res.status, 200);
    const html = await res.text();
    const emails = emailsOn(html);
    assert.ok(emails.length <= 50, `page ${pages + 1} has ${emails.length} rows`);
    seen.push(...(emails as string[]));
    url = nextLink(html);
    pages += 1;
    assert.ok(pages < 10, "paging ends");
  }
  assert.equal(pages, 3);
  assert.equal(seen.length, LEARNERS + 1);
  assert.equal(new Set(seen).size, seen.length, "no account twice");
  assert.deepEqual(seen, [...seen].sort());
});

test("searching by the start of an email narrows the list", async () => {
  const html = await (await admin.get("/admin/users?q=learner12")).text();
  assert.deepEqual(
    emailsOn(html),
    Array.from({ length: 10 }, (_, i) => `learner12${i}@example.org`),
  );
});

test("the audit page shows 100 events a page, newest first, and links to older ones", async () => {
  const first = await (await admin.get("/admin/audit")).text();
  const rows = (html: string) => [...html.matchAll(/m(\d+)\b/g)].map((m) => Number(m[1]));
  const firstRows = [...new Set(rows(first))];
  assert.equal(firstRows.length, 100);
  assert.equal(firstRows[0], 0, "newest first");
  const older = nextLink(first);
  assert.ok(older, "a link to older changes");
  const second = [...new Set(rows(await (await admin.get(older)).text()))];
  assert.equal(second[0], 100, "the second page starts where the first ended");
});
