import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createFirstAdmin } from "../../server/auth/create-first-admin.ts";
import { User } from "../../server/auth/user-model.ts";
import { ValidationError } from "../../server/http/http-errors.ts";
import { connectTestDatabase } from "../helpers/database.ts";

let db: Awaited<ReturnType<typeof connectTestDatabase>>;
before(async () => {
  db = await connectTestDatabase(import.meta.url);
});
after(async () => {
  await db.drop();
});

test("a typo does not use up the first-run setup", async () => {
  await assert.rejects(
    createFirstAdmin({ email: "nope", displayName: "A", password: "long enough pass" }),
    ValidationError,
  );
  assert.equal(await User.countDocuments(), 0);
});

test("ten simultaneous setups make exactly one admin", async () => {
  const results = await Promise.all(
    Array.from({ length: 10 }, (_, i) =>
      createFirstAdmin({
        email: `admin${i}@example.com`,
        displayName: `A${i}`,
        password: "long enough pass",
      }),
    ),
  );
  assert.equal(results.filter((r) => r !== null).length, 1);
  assert.equal(await User.countDocuments({ role: "admin" }), 1);
  assert.equal(
    await createFirstAdmin({
      email: "late@example.com",
      displayName: "L",
      password: "long enough pass",
    }),
    null,
  );
});
