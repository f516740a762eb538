import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createUser } from "../../server/auth/create-user.ts";
import { User } from "../../server/auth/user-model.ts";
import { type AuthoringRig, signedInPage, startAuthoringRig } from "../helpers/authoring-driver.ts";

// The users page: an admin changes a role and disables an account; the change takes effect for
// that person at once; nobody else reaches the page.
let rig: AuthoringRig;
before(async () => {
  rig = await startAuthoringRig(import.meta.url);
});
after(async () => {
  await rig.stop();
});

test("an admin promotes a learner to author and disables another account", async () => {
  const base = rig.app.baseUrl;
  await createUser({
    email: "lee@example.com",
    displayName: "Lee",
    password: "learner password 1",
  });
  const pat = await signedInPage(rig, { email: "pat@example.com", role: "learner" });
  const admin = await signedInPage(rig, { email: "ada@example.com", role: "admin" });

  await admin.goto(`${base}/admin/users`);
  const own = admin.locator('tr[data-email="ada@example.com"]');
  assert.equal(await own.locator("select").count(), 0, "no controls on one's own row");

  const leeRow = admin.locator('tr[data-email="lee@example.com"]');
  await leeRow.getByLabel("Role of lee@example.com").selectOption("author");
  await leeRow.getByRole("button", { name: "Save role of lee@example.com" }).click();
  await admin.locator("#users-status", { hasText: "lee@example.com is now an author." }).waitFor();
  assert.equal((await User.findOne({ email: "lee@example.com" }).lean())?.role, "author");

  const patRow = admin.locator('tr[data-email="pat@example.com"]');
  await patRow.getByRole("button", { name: "Disable pat@example.com" }).click();
  await admin.locator("#users-status", { hasText: "pat@example.com is disabled." }).waitFor();
  assert.equal((await User.findOne({ email: "pat@example.com" }).lean())?.disabled, true);
  assert.equal(await patRow.locator("[data-disabled-text]").textContent(), "Disabled");

  // Pat's open session ends with the next request.
  await pat.goto(`${base}/dashboard`);
  assert.match(pat.url(), /\/login\?next=/);

  // Authors manage modules, not accounts.
  const lee = await signedInPage(rig, { email: "lee2@example.com", role: "author" });
  const res = await lee.goto(`${base}/admin/users`);
  assert.equal(res?.status(), 403);
});
