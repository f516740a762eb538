import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createUser } from "../../server/auth/create-user.ts";
import { SIGN_IN_FAILURES_PER_ADDRESS } from "../../server/http/rate-limits.ts";
import { HttpClient } from "../helpers/http-client.ts";
import { startTestApp } from "../helpers/test-app.ts";

// A file of its own: the limiter counts per app instance, and other tests sign in a lot.
let app: Awaited<ReturnType<typeof startTestApp>>;
before(async () => {
  app = await startTestApp(import.meta.url);
  await createUser({ email: "sam@example.com", displayName: "Sam", password: "right password 1" });
});
after(async () => {
  await app.stop();
});

test(`the ${SIGN_IN_FAILURES_PER_ADDRESS + 1}th wrong password in a minute gets 429, even when right`, async () => {
  const client = new HttpClient(app.baseUrl);
  const token = await client.csrfFrom("/login");
  const statuses: number[] = [];
  for (let i = 0; i < SIGN_IN_FAILURES_PER_ADDRESS; i++) {
    const res = await client.postForm("/login", {
      _csrf: token,
      email: "sam@example.com",
      password: `wrong-${i}`,
    });
    statuses.push(res.status);
  }
  assert.deepEqual(statuses, Array(SIGN_IN_FAILURES_PER_ADDRESS).fill(401));
  const blocked = await client.postForm("/login", {
    _csrf: token,
    email: "sam@example.com",
    password: "right password 1",
  });
  assert.equal(blocked.status, 429);
  assert.match(await blocked.text(), /Too many failed sign-in attempts/);
});
