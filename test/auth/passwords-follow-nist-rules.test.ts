// NIST SP 800-63B: a minimum length, a generous maximum, no composition rules, and no password
// that is commonly used or contains the account's email.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createUser } from "../../server/auth/create-user.ts";
import { PASSWORD_MAX, PASSWORD_MIN, passwordProblem } from "../../server/auth/password-policy.ts";
import { User } from "../../server/auth/user-model.ts";
import { ValidationError } from "../../server/http/http-errors.ts";
import { HttpClient } from "../helpers/http-client.ts";
import { startTestApp } from "../helpers/test-app.ts";

const EMAIL = "kim.lee@example.com";

test("length is the only composition rule", () => {
  assert.match(passwordProblem("a".repeat(PASSWORD_MIN - 1), EMAIL) ?? "", /at least 10/);
  assert.match(passwordProblem("a b".repeat(PASSWORD_MAX), EMAIL) ?? "", /at most 200/);
  for (const fine of [
    "all lower case words here",
    `${"x".repeat(PASSWORD_MIN - 2)}yz`,
    "z".repeat(PASSWORD_MAX),
    "ünïcödé pässwörd",
    "spaces    are    fine",
  ]) {
    assert.equal(passwordProblem(fine, EMAIL), null, fine);
  }
});

test("a commonly used password is refused, whatever its letter case", () => {
  for (const common of ["password123", "Password123", "qwertyuiop", "1234567890", "basketball"]) {
    assert.match(passwordProblem(common, EMAIL) ?? "", /commonly used passwords/, common);
  }
});

test("a password equal to or containing the email, or the name before the @, is refused", () => {
  for (const derived of [
    EMAIL,
    "KIM.LEE@EXAMPLE.COM",
    "my address kim.lee@example.com",
    "kim.lee rocks 2024",
  ]) {
    assert.match(passwordProblem(derived, EMAIL) ?? "", /must not contain your email/, derived);
  }
  // A very short name before the @ is part of too many ordinary words to refuse.
  assert.equal(passwordProblem("alpine meadow walk", "al@example.com"), null);
});

let app: Awaited<ReturnType<typeof startTestApp>>;
before(async () => {
  app = await startTestApp(import.meta.url);
});
after(async () => {
  await app.stop();
});

test("registration and first-run setup say why a password is refused, next to the field", async () => {
  for (const [path, password, message] of [
    ["/register", "password123", /commonly used passwords/],
    ["/register", "pat.jones is my password", /must not contain your email/],
    ["/setup", "qwertyuiop", /commonly used passwords/],
  ] as const) {
    const client = new HttpClient(app.baseUrl);
    const res = await client.postForm(
      path,
      { email: "pat.jones@example.com", displayName: "Pat", password },
      path,
    );
    assert.equal(res.status, 400, `${path} with ${password}`);
    const html = await res.text();
    assert.match(html, /id="f-password-error"/);
    assert.match(html, message);
  }
  assert.equal(await User.countDocuments(), 0, "no account was made");
  await assert.rejects(
    createUser({ email: "ops@example.com", displayName: "Ops", password: "ops@example.com1" }),
    (err: ValidationError) => {
      assert.ok(err instanceof ValidationError);
      assert.match(err.fields.password ?? "", /must not contain your email/);
      return true;
    },
  );
});
