import type { Logger } from "../http/logger.ts";

const STOP_TIMEOUT_MS = 15_000;

/**
 * On SIGINT or SIGTERM, runs `stop` once (the caller's shutdown steps, in order), then exits 0;
 * exits 1 if the steps take longer than 15 s, so a supervisor is never kept waiting.
 */
export function stopOnSignals(logger: Logger, stop: (signal: string) => Promise<void>): void {
  let stopping = false;
  const handle = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const forced = setTimeout(() => process.exit(1), STOP_TIMEOUT_MS).unref();
    await stop(signal);
    clearTimeout(forced);
    logger.info("stopped");
    process.exit(0);
  };
  process.on("SIGINT", () => void handle("SIGINT"));
  process.on("SIGTERM", () => void handle("SIGTERM"));
}
