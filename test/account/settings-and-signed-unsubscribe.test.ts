import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import mongoose from "mongoose";
import { LearnerPrefs } from "../../server/account/learner-prefs-model.ts";
import { User } from "../../server/auth/user-model.ts";
import { unsubscribeUrl } from "../../server/review/unsubscribe-link.ts";
import { HttpClient } from "../helpers/http-client.ts";
import { signedInLearner } from "../helpers/learner.ts";
import { startTestApp } from "../helpers/test-app.ts";

// The test app's session secret (test/helpers/test-app.ts): what signs unsubscribe links.
const SECRET = "test-secret-test-secret-test-secret!";
let app: Awaited<ReturnType<typeof startTestApp>>;
let ana: HttpClient;
let anaId: string;
let benId: string;

const prefsOf = (id: string) =>
  LearnerPrefs.findOne({ userId: new mongoose.Types.ObjectId(id) }).lean();

before(async () => {
  app = await startTestApp(import.meta.url, { review: { timeZone: "Europe/Paris" } });
  ana = await signedInLearner(app.baseUrl, "ana@example.com");
  await signedInLearner(app.baseUrl, "ben@example.com");
  anaId = String((await User.findOne({ email: "ana@example.com" }).lean())?._id);
  benId = String((await User.findOne({ email: "ben@example.com" }).lean())?._id);
});
after(async () => {
  await app.stop();
});

const settings = (fields: Record<string, string>) =>
  ana.postForm(
    "/account/settings",
    {
      reminders: "on",
      reminderTime: "18:00",
      timeZone: "Europe/Paris",
      dailyReviewSize: "10",
      ...fields,
    },
    "/account/settings",
  );

test("the settings page starts from the install's defaults", async () => {
  const html = await (await ana.get("/account/settings")).text();
  assert.match(html, /id="f-reminders" name="reminders" value="on" checked/);
  assert.match(html, /name="reminderTime" type="time"\s+value="18:00"/);
  assert.match(html, /<option value="Europe\/Paris" selected>/);
  assert.match(html, /name="dailyReviewSize" type="number"\s+value="10"/);
  const prefs = await prefsOf(anaId);
  assert.equal(prefs?.reminderTime, "18:00");
  assert.ok(prefs?.nextReminderAt, "the reminder job can find this learner");
});

test("bad settings are refused with the field named, and change nothing", async () => {
  const before = await prefsOf(anaId);
  const cases: [Record<string, string>, RegExp][] = [
    [{ dailyReviewSize: "0" }, /Choose from 1 to 50 questions/],
    [{ dailyReviewSize: "ten" }, /Enter a whole number/],
    [{ reminderTime: "25:00" }, /Enter a time like 18:00/],
    [{ timeZone: "Mars/Olympus_Mons" }, /Choose a time zone from the list/],
    [{ reminders: "sometimes" }, /Choose whether to get reminders/],
  ];
  for (const [fields, message] of cases) {
    const res = await settings(fields);
    assert.equal(res.status, 400, JSON.stringify(fields));
    assert.match(await res.text(), message);
  }
  assert.deepEqual(await prefsOf(anaId), before);
});

test("a reminder time is kept as the next instant of that time in the learner's zone", async () => {
  const saved = await settings({
    reminderTime: "07:30",
    timeZone: "America/New_York",
    dailyReviewSize: "5",
  });
  assert.equal(saved.status, 303);
  const prefs = await prefsOf(anaId);
  assert.equal(prefs?.dailyReviewSize, 5);
  const next = prefs?.nextReminderAt as Date;
  const local = new Intl.DateTimeFormat("en-GB", {
    timeZone: "America/New_York",
    hour: "2-digit",
    minute: "2-digit",
  }).format(next);
  assert.equal(local, "07:30");
  assert.ok(next.getTime() > Date.now() && next.getTime() <= Date.now() + 86_400_000 + 3_600_000);
  assert.match(await (await ana.get("/account/settings?saved=1")).text(), /settings are saved/);

  assert.equal((await settings({ reminders: "off", reminderTime: "" })).status, 303);
  const off = await prefsOf(anaId);
  assert.equal(off?.reminderTime, null);
  assert.equal(off?.nextReminderAt, null);
});

test("the unsubscribe link works signed out; a forged one changes nothing", async () => {
  assert.equal((await settings({})).status, 303);
  const link = new URL(unsubscribeUrl(app.baseUrl, anaId, SECRET));
  const path = `${link.pathname}${link.search}`;
  const stranger = new HttpClient(app.baseUrl);

  const page = await stranger.get(path);
  assert.equal(page.status, 200);
  assert.match(await page.text(), /Stop reminders/);
  assert.ok((await prefsOf(anaId))?.reminderTime, "opening the link changes nothing");

  // Forged: another learner's id with Ana's signature; a changed signature; no signature.
  const sig = link.searchParams.get("s") ?? "";
  const forged = [
    `?u=${benId}&s=${sig}`,
    `?u=${anaId}&s=${sig.slice(0, -1)}${sig.endsWith("A") ? "B" : "A"}`,
    `?u=${anaId}`,
    `?u=${anaId}&s=${sig}${sig}`,
  ];
  for (const query of forged) {
    assert.equal((await stranger.get(`/reminders/unsubscribe${query}`)).status, 400);
    const post = await stranger.request(`/reminders/unsubscribe${query}`, { method: "POST" });
    assert.equal(post.status, 400, query);
  }
  assert.ok((await prefsOf(anaId))?.reminderTime);
  assert.equal(await prefsOf(benId), null, "no settings are made for Ben either");

  // A mail client's one-click unsubscribe: a POST with no cookie and no CSRF token.
  const oneClick = await new HttpClient(app.baseUrl).request(path, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "List-Unsubscribe=One-Click",
  });
  assert.equal(oneClick.status, 200);
  const prefs = await prefsOf(anaId);
  assert.equal(prefs?.reminderTime, null);
  assert.equal(prefs?.nextReminderAt, null);
  assert.ok(prefs?.unsubscribedAt);
  assert.ok(!app.logs.lines.join("\n").includes(sig), "the signature is not in the logs");
});
