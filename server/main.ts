import cluster from "node:cluster";
import { type Config, ConfigError, loadConfig } from "./config.ts";
import { runPrimary } from "./process/run-primary.ts";
import { runServer } from "./process/run-server.ts";

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
if (cluster.isPrimary && config.workers > 1) await runPrimary(config);
else await runServer(config, { clusterWorker: cluster.isWorker });
