// Issue #13 item 8: 20 simultaneous correct sign-ins from one address got 10 × 429, and behind a
// proxy (TRUST_PROXY=true) 60 wrong passwords for one account from 6 forwarded addresses were
// never limited.
import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import { createApp } from "../../server/app.ts";
import { createUser } from "../../server/auth/create-user.ts";
import { createLogger } from "../../server/http/logger.ts";
import {
  SIGN_IN_FAILURES_PER_ACCOUNT,
  SIGN_IN_FAILURES_PER_ADDRESS,
} from "../../server/http/rate-limits.ts";
import { connectTestDatabase } from "../helpers/database.ts";
import { HttpClient } from "../helpers/http-client.ts";

const PASSWORD = "the right passphrase";
let db: Awaited<ReturnType<typeof connectTestDatabase>>;
let baseUrl: string;
let stop: () => Promise<void>;

// The app as it runs behind one reverse proxy; every request names its client address in
// X-Forwarded-For, as the proxy would.
before(async () => {
  db = await connectTestDatabase(import.meta.url);
  const { app, close } = createApp({
    config: { env: "test", sessionSecret: "limits-secret-limits-secret-limits!", trustProxy: true },
    logger: createLogger("silent"),
    connection: db.connection,
    ttlIndexesWork: false,
  });
  const server = app.listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  stop = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await close();
    await db.drop();
  };
  for (const name of ["office", "target", "other"]) {
    await createUser({ email: `${name}@example.com`, displayName: name, password: PASSWORD });
  }
});
after(async () => {
  await stop();
});

async function signIn(
  client: HttpClient,
  token: string,
  forwardedFor: string,
  email: string,
  password: string,
): Promise<number> {
  const res = await client.request("/login", {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      accept: "text/html",
      "x-forwarded-for": forwardedFor,
    },
    body: new URLSearchParams({ _csrf: token, email, password }),
  });
  await res.arrayBuffer();
  return res.status;
}

const tally = (statuses: number[]) =>
  statuses.reduce<Record<number, number>>((t, s) => {
    t[s] = (t[s] ?? 0) + 1;
    return t;
  }, {});

test("20 people behind one address signing in at the same moment all get in", async () => {
  const people = await Promise.all(
    Array.from({ length: 20 }, async () => {
      const client = new HttpClient(baseUrl);
      return { client, token: await client.csrfFrom("/login") };
    }),
  );
  const statuses = await Promise.all(
    people.map(({ client, token }) =>
      signIn(client, token, "198.51.100.1", "office@example.com", PASSWORD),
    ),
  );
  assert.deepEqual(tally(statuses), { 302: 20 });
});

test("a burst of wrong passwords from one address gets no more tries than the limit", async () => {
  const client = new HttpClient(baseUrl);
  const token = await client.csrfFrom("/login");
  const statuses = await Promise.all(
    Array.from({ length: 30 }, (_, i) =>
      signIn(client, token, "198.51.100.2", `nobody${i}@example.com`, `wrong guess ${i}`),
    ),
  );
  assert.deepEqual(tally(statuses), { 401: SIGN_IN_FAILURES_PER_ADDRESS, 429: 20 });
});

test("wrong passwords for one account from many addresses are limited per account", async () => {
  const client = new HttpClient(baseUrl);
  const token = await client.csrfFrom("/login");
  const statuses: number[] = [];
  for (let address = 1; address <= 6; address++) {
    for (let i = 0; i < SIGN_IN_FAILURES_PER_ADDRESS; i++) {
      statuses.push(
        await signIn(client, token, `203.0.113.${address}`, "Target@Example.com ", `guess ${i}`),
      );
    }
  }
  assert.deepEqual(tally(statuses), {
    401: SIGN_IN_FAILURES_PER_ACCOUNT,
    429: 60 - SIGN_IN_FAILURES_PER_ACCOUNT,
  });
  assert.equal(
    await signIn(client, token, "203.0.113.99", "target@example.com", PASSWORD),
    429,
    "the account stays limited from a fresh address",
  );
  assert.equal(
    await signIn(client, token, "203.0.113.3", "other@example.com", PASSWORD),
    302,
    "another account signs in from the same addresses",
  );
});

test("behind one proxy, what a client writes at the front of X-Forwarded-For changes nothing", async () => {
  const client = new HttpClient(baseUrl);
  const token = await client.csrfFrom("/login");
  const statuses: number[] = [];
  for (let i = 0; i <= SIGN_IN_FAILURES_PER_ADDRESS; i++) {
    // The proxy appends the address it saw; the client made up the first one.
    const forwarded = `10.9.${i}.1, 192.0.2.50`;
    statuses.push(await signIn(client, token, forwarded, `someone${i}@example.com`, "nope nope"));
  }
  assert.deepEqual(tally(statuses), { 401: SIGN_IN_FAILURES_PER_ADDRESS, 429: 1 });
});
