import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { type AppDeps, createApp } from "../../server/app.ts";
import { createLogger } from "../../server/http/logger.ts";
import { connectTestDatabase } from "./database.ts";

/** Everything the app logged, so tests can prove what never appears in a log line. */
export class LogCapture extends Writable {
  lines: string[] = [];
  override _write(chunk: Buffer, _enc: string, done: () => void): void {
    this.lines.push(...chunk.toString().split("\n").filter(Boolean));
    done();
  }
}

/** The secret test apps sign sessions and commit tokens with. */
export const TEST_SESSION_SECRET = "test-secret-test-secret-test-secret!";

/** The real app wired as main.ts wires it, on the given test database, logging into `logs`. */
export function buildTestApp(
  db: Awaited<ReturnType<typeof connectTestDatabase>>,
  extra: Pick<AppDeps, "review"> = {},
) {
  const logs = new LogCapture();
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? "info", logs);
  const { app, close } = createApp({
    config: {
      env: "test",
      sessionSecret: TEST_SESSION_SECRET,
      trustProxy: false,
    },
    logger,
    connection: db.connection,
    ttlIndexesWork: false,
    ...extra,
  });
  return { app, close, logs };
}

/** The real app on a real database (its own name), listening on a free port. */
export async function startTestApp(testFileUrl: string, extra: Pick<AppDeps, "review"> = {}) {
  const db = await connectTestDatabase(testFileUrl);
  const { app, close, logs } = buildTestApp(db, extra);
  const server = app.listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    db,
    logs,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await close();
      await db.drop();
    },
  };
}
