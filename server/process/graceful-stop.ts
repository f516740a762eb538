import type { Logger } from "../http/logger.ts";
import { DRAIN_TIMEOUT_MS } from "./drainable-server.ts";

// Draining requests is bounded by DRAIN_TIMEOUT_MS and stopping the embedded database by its own
// 10 s; past both, something is stuck, and the supervisor should not wait any longer.
const STOP_TIMEOUT_MS = DRAIN_TIMEOUT_MS + 15_000;

/**
 * On SIGINT or SIGTERM, runs `stop` once (the caller's shutdown steps, in order), then exits 0;
 * exits 1 if the steps fail or take longer than 25 s.
 */
export function stopOnSignals(logger: Logger, stop: (signal: string) => Promise<void>): void {
  let stopping = false;
  const handle = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const forced = setTimeout(() => {
      logger.error("did not stop within 25 s; exiting anyway");
      process.exit(1);
    }, STOP_TIMEOUT_MS).unref();
    try {
      await stop(signal);
    } catch (err) {
      logger.error({ err }, "stopping failed");
      process.exit(1);
    }
    clearTimeout(forced);
    logger.info("stopped");
    process.exit(0);
  };
  process.on("SIGINT", () => void handle("SIGINT"));
  process.on("SIGTERM", () => void handle("SIGTERM"));
}
