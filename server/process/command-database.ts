import { join } from "node:path";
import { type Config, ConfigError, loadConfig } from "../config.ts";
import { connectDatabase, type Database } from "../db/connect.ts";
import { createLogger } from "../http/logger.ts";

/** One line saying why `command` cannot use the database, and what to do about it. */
export function databaseProblem(command: string, err: unknown, config: Config): string {
  const message = err instanceof Error ? err.message : String(err);
  if (/file is locked/i.test(message)) {
    const file = join(config.dataDir, "rapport.mv.db");
    return `${command}: the data file ${file} is in use by a running Rapport (the embedded database serves one process at a time). Stop the app, run ${command}, then start the app again.`;
  }
  const firstLine = message.split("\n")[0] ?? message;
  if (config.mongodbUri)
    return `${command}: cannot reach the database at MONGODB_URI: ${firstLine}`;
  return `${command}: cannot open the embedded database: ${firstLine}`;
}

/**
 * The settings and the database for a command-line tool (user:create, export). Anything that
 * stops it, a wrong setting or a data file in use, is said in one line, and the command exits 1.
 */
export async function openDatabaseForCommand(
  command: string,
): Promise<{ config: Config; db: Database }> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(`${command}: ${err.message.replace(/\n\s*/g, " ")}`);
    process.exit(1);
  }
  try {
    return { config, db: await connectDatabase(config, createLogger("warn")) };
  } catch (err) {
    console.error(databaseProblem(command, err, config));
    process.exit(1);
  }
}
