import type { Server, ServerResponse } from "node:http";
import { Server as NetServer } from "node:net";

export const DRAIN_TIMEOUT_MS = 10_000;
// How long a kept-alive connection may sit unused after the stop began before it is closed.
const IDLE_GRACE_MS = 1_000;

/**
 * Lets `server` stop without cutting anyone off. `stop()` stops accepting connections and
 * answers every request already received. Each kept-alive connection is closed after its next
 * answer (so a client that keeps sending on one, like a learner's player, is not served
 * forever). Connections that stay unused are closed after a grace second, and whatever is still
 * open after `drainMs` is closed.
 *
 * Closing a kept-alive connection the moment it is idle races a client that is just sending on
 * it: the request is lost unanswered. So idle connections get a moment to carry one more request.
 */
export function drainable(server: Server, drainMs = DRAIN_TIMEOUT_MS) {
  const open = new Set<ServerResponse>();
  let stopping = false;
  server.prependListener("request", (_req, res: ServerResponse) => {
    if (stopping) res.shouldKeepAlive = false;
    open.add(res);
    res.once("close", () => open.delete(res));
  });

  let stopped: Promise<void> | undefined;
  return {
    stop(): Promise<void> {
      stopped ??= new Promise<void>((resolve) => {
        stopping = true;
        for (const res of open) if (!res.headersSent) res.shouldKeepAlive = false;
        const idle = setInterval(() => server.closeIdleConnections(), IDLE_GRACE_MS);
        const timer = setTimeout(() => server.closeAllConnections(), drainMs);
        // http.Server's own close() would also close idle connections at once; the net.Server
        // one only stops accepting, and calls back when the last connection has ended.
        NetServer.prototype.close.call(server, () => {
          clearInterval(idle);
          clearTimeout(timer);
          resolve();
        });
      });
      return stopped;
    },
  };
}
