import cluster from "node:cluster";
import { type Config, ConfigError, loadConfig } from "./config.ts";
import { createConsoleLogger } from "./http/logger.ts";
import { portProblem } from "./process/listen.ts";

// One process (WEB_CONCURRENCY=1, the default): config -> database -> library -> app -> listen.
// Several: the primary owns the database, the library load and the shared rate-limit counters,
// and forks workers that serve HTTP on the same port.
function readConfig(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
}

const config = readConfig();
if (cluster.isPrimary) {
  // Checked before the app and the database load, so a taken port is reported within a second.
  const problem = await portProblem(config.port);
  if (problem) {
    createConsoleLogger({ level: config.logLevel, env: config.env }).fatal(problem);
    process.exit(1);
  }
}
if (cluster.isPrimary && config.workers > 1) {
  const { runPrimary } = await import("./process/run-primary.ts");
  await runPrimary(config);
} else {
  const { runServer } = await import("./process/run-server.ts");
  await runServer(config, { clusterWorker: cluster.isWorker });
}
