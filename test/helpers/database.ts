import { randomBytes } from "node:crypto";
import { basename } from "node:path";
import mongoose from "mongoose";

/** The server the test run uses (run-tests.ts exports it); each file gets its own database. */
export function testServerUri(): string {
  const uri = process.env.RAPPORT_TEST_MONGODB_URI ?? process.env.MONGODB_URI;
  if (!uri)
    throw new Error("Run tests with `npm test` (it starts the database) or set MONGODB_URI");
  return uri;
}

export function uniqueDbName(testFileUrl: string): string {
  const stem = basename(new URL(testFileUrl).pathname)
    .replace(/\.test\.ts$/, "")
    .replace(/[^a-z0-9]/gi, "_");
  return `t_${stem.slice(0, 40)}_${randomBytes(4).toString("hex")}`;
}

/** Connects the app's mongoose to a fresh database named after the test file. */
export async function connectTestDatabase(testFileUrl: string) {
  const dbName = uniqueDbName(testFileUrl);
  await mongoose.connect(testServerUri(), { dbName, serverSelectionTimeoutMS: 10_000 });
  await mongoose.connection.syncIndexes();
  return {
    dbName,
    connection: mongoose.connection,
    async drop() {
      await mongoose.connection.dropDatabase().catch(() => {});
      await mongoose.disconnect();
    },
  };
}
