import { createServer } from "node:http";
import { createApp } from "../app.ts";
import { onAuditFailure } from "../audit/record-audit.ts";
import type { Config } from "../config.ts";
import { loadCourseLibrary } from "../content/load-course-library.ts";
import { connectDatabase, type Database } from "../db/connect.ts";
import { createConsoleLogger } from "../http/logger.ts";
import { startBackgroundJobs } from "../jobs/background-jobs.ts";
import { migrateToStatusRule } from "../progress/migrate-status-rule.ts";
import { onCertificateFailure } from "../progress/record-progress.ts";
import { reviewWiringFromConfig } from "../review/wiring.ts";
import { drainable } from "./drainable-server.ts";
import { stopOnSignals } from "./graceful-stop.ts";
import { EXIT_CANNOT_LISTEN, listen, listenProblem } from "./listen.ts";

/** Set by the primary for its workers: their MONGODB_URI points at its embedded database. */
export const EMBEDDED_DB_ENV = "RAPPORT_DB_IS_EMBEDDED";

/**
 * Serves HTTP: the whole app in a single process, or one cluster worker (whose primary has
 * already started the database and loaded the library).
 * Stop order: stop accepting and drain requests -> close the database connection -> stop the
 * embedded database process.
 */
export async function runServer(config: Config, opts: { clusterWorker: boolean }): Promise<void> {
  const logger = createConsoleLogger({ level: config.logLevel, env: config.env });
  onAuditFailure((err, event) =>
    logger.error({ err, action: event.action }, "audit event not recorded"),
  );
  onCertificateFailure((err, passed) =>
    logger.error(
      { err, slug: passed.slug, version: passed.version },
      "certificate not issued at the pass (the certificate page issues it)",
    ),
  );
  let db: Database;
  try {
    db = await connectDatabase(config, logger, {
      syncIndexes: !opts.clusterWorker,
      // Serving requests without a database would only produce errors; a supervisor restarts us.
      onDatabaseCrash: () => process.exit(1),
    });
  } catch (err) {
    logger.fatal((err as Error).message);
    process.exit(1);
  }
  if (!opts.clusterWorker) {
    const library = await loadCourseLibrary({ logger });
    logger.info(library, "course library checked");
    await migrateToStatusRule(logger);
  }

  const review = reviewWiringFromConfig(config);
  const { app, close: closeApp } = createApp({
    config,
    logger,
    connection: db.connection,
    ttlIndexesWork: db.embedded === null && process.env[EMBEDDED_DB_ENV] !== "1",
    clusterWorker: opts.clusterWorker,
    review,
  });
  const server = createServer(app);
  const http = drainable(server);
  try {
    await listen(server, config.port);
  } catch (err) {
    logger.fatal(listenProblem(err, config.port));
    await closeApp();
    await db.close();
    process.exit(opts.clusterWorker ? EXIT_CANNOT_LISTEN : 1);
  }
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  logger.info(`Rapport is listening on http://localhost:${port}`);
  // Review reminders: every process polls; a lease in the database picks one per run.
  const jobs = startBackgroundJobs(config, logger, review);

  stopOnSignals(logger, async (signal) => {
    logger.info(`${signal}: stopping`);
    await http.stop();
    await jobs.stop();
    review.mailer.close();
    await closeApp();
    await db.close();
  });
}
