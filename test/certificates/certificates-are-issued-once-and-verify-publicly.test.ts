import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { inflateSync } from "node:zlib";
import mongoose from "mongoose";
import { User } from "../../server/auth/user-model.ts";
import { publishModule } from "../../server/authoring/publish-module.ts";
import { Certificate } from "../../server/certificates/certificate-model.ts";
import { certificatePdf } from "../../server/certificates/certificate-pdf.ts";
import { issueCertificate } from "../../server/certificates/issue-certificate.ts";
import { Module } from "../../server/content/module-model.ts";
import type { ModuleContent } from "../../server/content/module-schema.ts";
import { SESSION_COOKIE } from "../../server/http/session.ts";
import { onCertificateFailure, recordCommit } from "../../server/progress/record-progress.ts";
import { HttpClient } from "../helpers/http-client.ts";
import { signedInLearner } from "../helpers/learner.ts";
import { publishedContent } from "../helpers/player-driver.ts";
import { seedVisits } from "../helpers/seed-progress.ts";
import { startTestApp } from "../helpers/test-app.ts";

// A pass gives one certificate per learner and module version, issued by the commit that records
// the pass, whatever races it; the learner's pages show it and a PDF of it; its public address
// says whether it is genuine and shows nothing but the name, module, version and date.

let app: Awaited<ReturnType<typeof startTestApp>>;
let trust: ModuleContent;

before(async () => {
  app = await startTestApp(import.meta.url);
  trust = await publishedContent("trust");
});
after(async () => {
  await app?.stop();
});

const idOf = async (email: string) => {
  const user = await User.findOne({ email }).lean();
  assert.ok(user);
  return user._id.toString();
};

test("the pass's commit issues the certificate; retakes and later commits add none", async () => {
  await signedInLearner(app.baseUrl, "pia@example.com");
  const pia = await idOf("pia@example.com");
  await seedVisits(pia, "trust", trust, [{ viewed: -1, score: 0.2 }]);
  assert.equal(await Certificate.countDocuments({ userId: pia }), 0, "a fail earns nothing");
  await seedVisits(pia, "trust", trust, [
    { viewed: -1, score: 0.2 },
    { viewed: -1, score: 0.9 },
  ]);
  const issued = await Certificate.find({ userId: pia }).lean();
  assert.equal(issued.length, 1, "the pass issued one");
  assert.equal(issued[0]?.version, 1);
  assert.equal(issued[0]?.moduleTitle, trust.title);
  assert.equal(issued[0]?.learnerName, "pia");
  assert.match(issued[0]?.code ?? "", /^[A-Za-z0-9_-]{22}$/);
  // Passing the same version again (a retake) keeps the one certificate.
  await seedVisits(pia, "trust", trust, [
    { viewed: -1, score: 1 },
    { viewed: -1, score: 1 },
  ]);
  const after = await Certificate.find({ userId: pia }).lean();
  assert.deepEqual(
    after.map((c) => c.code),
    issued.map((c) => c.code),
  );
});

test("passing a newer version gives its own certificate, and the module's link goes to it", async () => {
  const tess = await signedInLearner(app.baseUrl, "tess@example.com");
  const tessId = await idOf("tess@example.com");
  await seedVisits(tessId, "conflict", await publishedContent("conflict"), [
    { viewed: -1, score: 1 },
  ]);
  const first = await tess.get("/modules/conflict/certificate");
  assert.equal(first.status, 303);
  const mod = await Module.findOne({ slug: "conflict" }).lean();
  assert.ok(mod);
  const { version } = await publishModule({ moduleId: mod._id.toString(), confirmRetakes: true });
  assert.equal(version, 2);
  // The retake runs on version 2.
  await seedVisits(tessId, "conflict", await publishedContent("conflict"), [
    { viewed: -1, score: 1 },
    { viewed: -1, score: 0.95 },
  ]);
  const versions = await Certificate.find({ userId: tessId }).sort({ version: 1 }).lean();
  assert.deepEqual(
    versions.map((c) => c.version),
    [1, 2],
  );
  const latest = await tess.get("/modules/conflict/certificate");
  assert.equal(latest.headers.get("location"), `/certificates/${versions[1]?.code}`);
  assert.notEqual(first.headers.get("location"), latest.headers.get("location"));
});

test("twenty simultaneous issues for one passed version store one certificate", async () => {
  const userId = new mongoose.Types.ObjectId();
  const mod = await Module.findOne({ slug: "trust" }).lean();
  assert.ok(mod);
  const passed = { userId, moduleId: mod._id, slug: "trust", version: 1, passedAt: new Date() };
  const results = await Promise.all(Array.from({ length: 20 }, () => issueCertificate(passed)));
  assert.equal(new Set(results.map((c) => c.code)).size, 1, "every caller gets the same one");
  assert.equal(await Certificate.countDocuments({ userId }), 1);
  // The unique index itself refuses a second, whatever the code.
  await assert.rejects(
    Certificate.create({
      ...passed,
      code: "x".repeat(22),
      moduleTitle: "t",
      learnerName: "n",
      issuedAt: new Date(),
    }),
    (err: { code?: number }) => err.code === 11000,
  );
});

test("the learner's certificate page, its PDF, and the public verification page", async () => {
  const quinn = await signedInLearner(app.baseUrl, "quinn@example.com");
  const quinnId = await idOf("quinn@example.com");
  assert.equal((await quinn.get("/modules/trust/certificate")).status, 404, "not passed yet");
  await seedVisits(quinnId, "trust", trust, [{ viewed: -1, score: 0.89 }]);

  const redirect = await quinn.get("/modules/trust/certificate");
  assert.equal(redirect.status, 303);
  const path = redirect.headers.get("location") ?? "";
  const code = path.match(/^\/certificates\/([A-Za-z0-9_-]{22})$/)?.[1];
  assert.ok(code, path);
  const page = await (await quinn.get(path)).text();
  assert.match(page, /data-testid="certificate-name">quinn</);
  assert.match(page, new RegExp(`data-testid="certificate-module">${trust.title}<`));
  assert.match(page, /data-testid="certificate-version">1</);
  assert.match(page, new RegExp(`/certificates/verify/${code}`));

  const pdf = await quinn.get(`/certificates/${code}/pdf`);
  assert.equal(pdf.status, 200);
  assert.equal(pdf.headers.get("content-type"), "application/pdf");
  const bytes = Buffer.from(await pdf.arrayBuffer());
  assert.equal(bytes.subarray(0, 5).toString("latin1"), "%PDF-");
  const text = bytes.toString("latin1");
  assert.ok(text.includes("(quinn)"), "the learner's name");
  assert.ok(text.includes(`Certificate: ${trust.title}`), "the module's title");
  assert.ok(text.includes(`/certificates/verify/${code}`), "a link to its verification address");

  // Another learner, even signed in, cannot open it (nor tell it exists).
  const rae = await signedInLearner(app.baseUrl, "rae@example.com");
  assert.equal((await rae.get(path)).status, 404);
  assert.equal((await rae.get(`/certificates/${code}/pdf`)).status, 404);
  assert.equal((await rae.get("/modules/trust/certificate")).status, 404);
  const nobody = new HttpClient(app.baseUrl);
  assert.equal((await nobody.get(path)).status, 302, "the learner's page needs a sign-in");

  // Signed out: genuine, with the name, module, version and date, and no email.
  const verify = await nobody.get(`/certificates/verify/${code}`);
  assert.equal(verify.status, 200);
  const verified = await verify.text();
  assert.match(verified, /Certificate verified/);
  assert.match(verified, /data-testid="verify-name">quinn</);
  assert.match(verified, new RegExp(`data-testid="verify-module">${trust.title}<`));
  assert.match(verified, /data-testid="verify-version">1</);
  assert.match(verified, /data-testid="verify-date">\d{1,2} \w+ \d{4}</);
  assert.doesNotMatch(verified, /example\.com/, "no email");
  assert.doesNotMatch(verified, /89/, "no score");
  assert.equal(nobody.cookie(SESSION_COOKIE), undefined, "a signed-out check stores no session");

  for (const madeUp of ["AAAAAAAAAAAAAAAAAAAAAA", "not-a-code", `${code}x`]) {
    const res = await nobody.get(`/certificates/verify/${madeUp}`);
    assert.equal(res.status, 404, madeUp);
    assert.match(await res.text(), /Certificate not found/);
  }
});

test("a certificate that cannot be issued at the pass is reported, and the commit is not failed", async () => {
  const reported: string[] = [];
  onCertificateFailure((_err, passed) => reported.push(`${passed.slug} v${passed.version}`));
  const moduleDoc = await Module.findOne({ slug: "trust" }).lean();
  assert.ok(moduleDoc);
  const state = { completionRank: 2, successRank: 2, scoreScaled: 0.9, progressMeasure: 1 };
  // A learner id that is not an ObjectId makes issuing throw after the summary and rollups.
  await recordCommit({
    attempt: {
      _id: new mongoose.Types.ObjectId(),
      userId: "not-an-object-id" as unknown as mongoose.Types.ObjectId,
      moduleId: moduleDoc._id,
      slug: "trust",
      number: 1,
      version: 1,
    },
    before: { completionRank: 1, successRank: 0, seq: 1, interactionCount: 0 },
    after: { ...state, seq: 2 },
    now: new Date(),
  });
  assert.deepEqual(reported, ["trust v1"]);
});

test("the PDF embeds a font with the learner's Cyrillic name in it", async () => {
  const pdf = await certificatePdf(
    {
      learnerName: "Иван Петров",
      moduleTitle: "Доверие",
      version: 2,
      passedAt: new Date("2026-11-30T10:00:00Z"),
      code: "AAAAAAAAAAAAAAAAAAAAAA",
    },
    "https://rapport.example/certificates/verify/AAAAAAAAAAAAAAAAAAAAAA",
  );
  const text = pdf.toString("latin1");
  assert.match(text, /\/FontName \/[A-Z]{6}\+DejaVuSans-Bold/, "the bold face is embedded");
  // The ToUnicode maps of the embedded fonts say which characters their glyphs draw.
  const unicode = [...text.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)]
    .map((m) => {
      try {
        return inflateSync(Buffer.from(m[1] ?? "", "latin1")).toString("latin1");
      } catch {
        return "";
      }
    })
    .filter((s) => s.includes("beginbfrange") || s.includes("beginbfchar"))
    .join("\n")
    .toLowerCase();
  for (const letter of "ИванПетровДоверие") {
    const hex = letter.charCodeAt(0).toString(16).padStart(4, "0");
    assert.ok(unicode.includes(`<${hex}>`), `a glyph for ${letter}`);
  }
});
