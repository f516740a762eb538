import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { after, before, test } from "node:test";
import { User } from "../../server/auth/user-model.ts";
import { REPO_ROOT } from "../../server/config.ts";
import { connectTestDatabase, testServerUri } from "../helpers/database.ts";

let db: Awaited<ReturnType<typeof connectTestDatabase>>;
before(async () => {
  db = await connectTestDatabase(import.meta.url);
});
after(async () => {
  await db.drop();
});

function userCreate(args: string[], password: string) {
  const base = testServerUri().replace(/\/+$/, "");
  return spawnSync(process.execPath, ["--import", "tsx", "server/cli/create-user.ts", ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, MONGODB_URI: `${base}/${db.dbName}`, RAPPORT_PASSWORD: password },
    encoding: "utf8",
    timeout: 60_000,
  });
}

test("npm run user:create makes an admin for scripted installs", async () => {
  const run = userCreate(
    ["--email", "Ops@Example.com", "--role", "admin", "--name", "Ops"],
    "scripted password 1",
  );
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /Created admin ops@example\.com/);
  const user = await User.findOne({ email: "ops@example.com" }).select("+passwordHash").lean();
  assert.equal(user?.role, "admin");
  assert.match(user?.passwordHash ?? "", /^\$argon2id\$/);
  assert.ok(!run.stdout.includes("scripted password 1"), "the password is never echoed");
});

test("bad input is refused with a message per field and creates nothing", async () => {
  const run = userCreate(["--email", "not-an-email", "--role", "owner"], "short");
  assert.equal(run.status, 1);
  assert.match(run.stderr, /email: Enter a valid email address/);
  assert.match(run.stderr, /password: Password must be at least 10 characters/);
  assert.match(run.stderr, /role: Role must be one of learner, author, admin/);
  assert.equal(await User.countDocuments({ email: "not-an-email" }), 0);
});
