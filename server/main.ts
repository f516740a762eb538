import type { Server } from "node:http";
import { createApp } from "./app.ts";
import { onAuditFailure } from "./audit/record-audit.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { loadCourseLibrary } from "./content/load-course-library.ts";
import { connectDatabase, type Database } from "./db/connect.ts";
import { createLogger } from "./http/logger.ts";

// start: config -> database -> app -> listen; stop: HTTP server -> database -> embedded process.
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  onAuditFailure((err, event) =>
    logger.error({ err, action: event.action }, "audit event not recorded"),
  );
  let db: Database;
  try {
    db = await connectDatabase(config, logger, {
      onDatabaseCrash: () => {
        // Serving requests without a database would only produce errors; a supervisor restarts us.
        process.exit(1);
      },
    });
  } catch (err) {
    logger.fatal((err as Error).message);
    process.exit(1);
  }
  const library = await loadCourseLibrary({ logger });
  logger.info(library, "course library checked");

  const { app, close: closeApp } = createApp({
    config,
    logger,
    connection: db.connection,
    ttlIndexesWork: db.embedded === null,
  });
  const server: Server = app.listen(config.port, () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : config.port;
    logger.info(`Rapport is listening on http://localhost:${port}`);
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: stopping`);
    const forced = setTimeout(() => process.exit(1), 15_000).unref();
    server.closeIdleConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await closeApp();
    await db.close();
    clearTimeout(forced);
    logger.info("stopped");
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

await main();
