import type { Server } from "node:http";
import { createServer } from "node:net";

/** A cluster worker that cannot listen exits with this, so the primary stops instead of retrying. */
export const EXIT_CANNOT_LISTEN = 78;

/** One line naming PORT and what to do, for an error from listen(). */
export function listenProblem(err: unknown, port: number): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === "EADDRINUSE") {
    return `PORT ${port} is already in use by another program (or another Rapport): stop it, or set PORT to a free port.`;
  }
  if (code === "EACCES") {
    return `PORT ${port} needs privileges this process does not have: set PORT to 1024 or above.`;
  }
  return `PORT ${port} cannot be listened on: ${(err as Error).message}`;
}

/** Resolves once `server` listens on `port`; rejects with listen's error (Express 5 ignores it). */
export function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

/**
 * Says within a second whether `port` is taken, before the slow part of start-up (the database)
 * begins. The real listen later can still fail, and is handled the same way.
 */
export async function portProblem(port: number): Promise<string | null> {
  if (port === 0) return null;
  const probe = createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      probe.once("error", reject);
      probe.listen(port, () => resolve());
    });
    return null;
  } catch (err) {
    return listenProblem(err, port);
  } finally {
    await new Promise<void>((resolve) => probe.close(() => resolve()));
  }
}
