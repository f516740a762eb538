// Runs every *.test.ts under test/ against one database server: MONGODB_URI when set, otherwise
// one embedded server for the whole run (each test file still uses its own database name).
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { startEmbeddedMongo } from "../server/db/embedded-mongo.ts";

const testDir = fileURLToPath(new URL(".", import.meta.url));
const filter = process.argv.slice(2);

function findTests(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === "fixtures" ? [] : findTests(path);
    return e.name.endsWith(".test.ts") ? [path] : [];
  });
}

const files = findTests(testDir)
  .filter((f) => filter.length === 0 || filter.some((part) => f.includes(part)))
  .sort();

let uri = process.env.MONGODB_URI;
let stopDb = async () => {};
if (!uri) {
  const dataDir = mkdtempSync(join(tmpdir(), "rapport-test-db-"));
  const embedded = await startEmbeddedMongo({ dataDir, log: () => {} });
  uri = embedded.uri;
  stopDb = async () => {
    await embedded.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  console.log(`embedded test database on ${uri}`);
} else {
  console.log("tests use MONGODB_URI");
}

console.log(
  `running ${files.length} test file(s): ${files.map((f) => relative(testDir, f)).join(", ")}`,
);
const child = spawn(
  process.execPath,
  ["--import", "tsx", "--test", "--test-concurrency=2", "--test-reporter=spec", ...files],
  { stdio: "inherit", env: { ...process.env, RAPPORT_TEST_MONGODB_URI: uri, NODE_ENV: "test" } },
);
const code: number = await new Promise((resolve) => child.on("exit", (c) => resolve(c ?? 1)));
await stopDb();
process.exit(code);
