import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { ConfigError, loadConfig } from "../../server/config.ts";

const tempDir = () => mkdtempSync(join(tmpdir(), "rapport-config-"));

test("defaults give a working configuration", () => {
  const config = loadConfig({ DATA_DIR: tempDir() });
  assert.equal(config.port, 3000);
  assert.equal(config.mongodbUri, undefined);
  assert.equal(config.logLevel, "info");
  assert.equal(config.commitsPerMinute, 60);
});

test("a wrong value stops start-up with a message naming the variable", () => {
  const cases: [Record<string, string>, RegExp][] = [
    [{ PORT: "eighty" }, /PORT: must be a whole number/],
    [{ PORT: "70000" }, /PORT: must be between 0 and 65535/],
    [{ MONGODB_URI: "postgres://x" }, /MONGODB_URI: must start with mongodb:\/\//],
    [{ LOG_LEVEL: "loud" }, /LOG_LEVEL: must be one of/],
    [{ SESSION_SECRET: "short" }, /SESSION_SECRET: must be at least 32 characters/],
    [{ TRUST_PROXY: "maybe" }, /TRUST_PROXY: must be true, false, or the number of proxies/],
    [{ WEB_CONCURRENCY: "0" }, /WEB_CONCURRENCY: must be between 1 and 64/],
    [{ COMMITS_PER_MINUTE: "0" }, /COMMITS_PER_MINUTE: must be between 1 and 1000000/],
  ];
  for (const [env, message] of cases) {
    assert.throws(
      () => loadConfig({ DATA_DIR: tempDir(), ...env }),
      (err: Error) => {
        assert.ok(err instanceof ConfigError);
        assert.match(err.message, message);
        return true;
      },
    );
  }
});

test("without SESSION_SECRET a random one is generated once, stored privately and reused", () => {
  const dir = tempDir();
  const first = loadConfig({ DATA_DIR: dir });
  const second = loadConfig({ DATA_DIR: dir });
  assert.equal(first.sessionSecret, second.sessionSecret);
  assert.ok(first.sessionSecret.length >= 32);
  const file = join(dir, "session-secret");
  assert.equal(readFileSync(file, "utf8").trim(), first.sessionSecret);
  assert.equal(statSync(file).mode & 0o077, 0, "only the owner may read the secret");
  const other = loadConfig({ DATA_DIR: tempDir() });
  assert.notEqual(other.sessionSecret, first.sessionSecret, "no shared default secret");
});

test("TRUST_PROXY is off, one proxy (true), or a number of proxies", () => {
  const read = (value: string) =>
    loadConfig({ DATA_DIR: tempDir(), TRUST_PROXY: value }).trustProxy;
  assert.equal(loadConfig({ DATA_DIR: tempDir() }).trustProxy, false);
  assert.equal(read("false"), false);
  assert.equal(read("true"), true);
  assert.equal(read("2"), 2);
});

test("an explicit SESSION_SECRET wins", () => {
  const secret = "s".repeat(40);
  assert.equal(loadConfig({ DATA_DIR: tempDir(), SESSION_SECRET: secret }).sessionSecret, secret);
});
