import mongoose from "mongoose";
import type { Config } from "../config.ts";
import type { Logger } from "../http/logger.ts";
import { type EmbeddedMongo, startEmbeddedMongo } from "./embedded-mongo.ts";

export interface Database {
  connection: mongoose.Connection;
  /** The embedded server when no MONGODB_URI was given; it lacks TTL expiry and transactions. */
  embedded: EmbeddedMongo | null;
  close(): Promise<void>;
}

export interface ConnectOptions {
  dbName?: string;
  /** False for cluster workers: the primary has built the indexes, and racing it only fails. */
  syncIndexes?: boolean;
  /** Called when the embedded database process dies while the app is still running. */
  onDatabaseCrash?: (info: { code: number | null; signal: string | null }) => void;
}

/** MONGODB_URI when set; otherwise the embedded on-disk server under DATA_DIR. */
export async function connectDatabase(
  config: Pick<Config, "mongodbUri" | "dataDir">,
  logger: Logger,
  options: ConnectOptions = {},
): Promise<Database> {
  let embedded: EmbeddedMongo | null = null;
  let uri = config.mongodbUri;
  if (!uri) {
    logger.info("MONGODB_URI is not set: starting the embedded database under %s", config.dataDir);
    embedded = await startEmbeddedMongo({
      dataDir: config.dataDir,
      log: (line) => logger.info(line),
      onUnexpectedExit: (info) => {
        logger.fatal(info, "the embedded database process exited unexpectedly");
        options.onDatabaseCrash?.(info);
      },
    });
    uri = embedded.uri;
  }
  const dbName = options.dbName ?? (embedded ? "rapport" : undefined);
  await mongoose.connect(uri, {
    ...(dbName ? { dbName } : {}),
    serverSelectionTimeoutMS: 10_000,
    // Collections and indexes are made once, by syncIndexes below; letting each model also try on
    // connect only races it and produces "already exists" errors.
    autoCreate: false,
    autoIndex: false,
  });
  if (options.syncIndexes !== false) {
    await mongoose.connection.syncIndexes();
    // Without working TTL indexes, connect-mongo sweeps expired sessions itself every few
    // seconds; this index lets each sweep read only the expired ones, not every session.
    if (embedded) await mongoose.connection.collection("sessions").createIndex({ expires: 1 });
  }
  const connection = mongoose.connection;
  return {
    connection,
    embedded,
    async close() {
      await mongoose.disconnect();
      if (embedded) await embedded.stop();
    },
  };
}
