import cluster, { type Worker } from "node:cluster";
import { ClusterMemoryStorePrimary } from "@express-rate-limit/cluster-memory-store";
import type { Config } from "../config.ts";
import { loadCourseLibrary } from "../content/load-course-library.ts";
import { connectDatabase, type Database } from "../db/connect.ts";
import { createConsoleLogger } from "../http/logger.ts";
import { migrateToStatusRule } from "../progress/migrate-status-rule.ts";
import { stopOnSignals } from "./graceful-stop.ts";
import { EXIT_CANNOT_LISTEN } from "./listen.ts";
import { EMBEDDED_DB_ENV } from "./run-server.ts";

/**
 * The cluster primary: starts the database (the embedded one, if no MONGODB_URI) and loads the
 * library once, keeps the rate-limit counters every worker shares, forks `config.workers` HTTP
 * workers, replaces one that dies, and on SIGTERM stops the workers before the database.
 */
export async function runPrimary(config: Config): Promise<void> {
  const logger = createConsoleLogger({ level: config.logLevel, env: config.env });
  let db: Database;
  try {
    db = await connectDatabase(config, logger, { onDatabaseCrash: () => process.exit(1) });
  } catch (err) {
    logger.fatal((err as Error).message);
    process.exit(1);
  }
  const library = await loadCourseLibrary({ logger });
  logger.info(library, "course library checked");
  await migrateToStatusRule(logger);
  new ClusterMemoryStorePrimary().init();

  const workerEnv: Record<string, string> = db.embedded
    ? { MONGODB_URI: `${db.embedded.uri}/${db.connection.name}`, [EMBEDDED_DB_ENV]: "1" }
    : {};
  let stopping = false;
  const fork = (): Worker => cluster.fork(workerEnv);
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    if (code === EXIT_CANNOT_LISTEN) {
      // The worker said why; another one would fail the same way.
      stopping = true;
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGTERM");
      void db.close().finally(() => process.exit(1));
      return;
    }
    logger.error({ pid: worker.process.pid, code, signal }, "worker exited; starting another");
    fork();
  });
  for (let i = 0; i < config.workers; i++) fork();
  logger.info(`started ${config.workers} workers`);

  stopOnSignals(logger, async (signal) => {
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter(
      (w): w is Worker => w !== undefined,
    );
    logger.info(`${signal}: stopping ${workers.length} workers`);
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            if (w.isDead()) return resolve();
            w.once("exit", () => resolve());
            w.process.kill("SIGTERM");
          }),
      ),
    );
    await db.close();
  });
}
