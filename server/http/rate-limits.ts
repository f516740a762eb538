import { ClusterMemoryStoreWorker } from "@express-rate-limit/cluster-memory-store";
import type { Request } from "express";
import { rateLimit, type Store } from "express-rate-limit";

export const SIGN_IN_FAILURES_PER_MINUTE = 10;
export const REGISTRATIONS_PER_HOUR = 20;

function tooMany(message: string) {
  return (req: Request, res: import("express").Response) => {
    res.status(429);
    if (req.accepts(["html", "json"]) === "json") {
      res.json({ error: message });
    } else {
      res.render("error", { title: "Too many attempts", message, status: 429 });
    }
  };
}

/**
 * Counters live in memory: in this process, or, for cluster workers, in the primary (shared by
 * every worker through IPC). Separate machines behind a load balancer each count on their own;
 * see README "Limits".
 */
function counterStore(prefix: string, clusterWorker: boolean): Store | undefined {
  return clusterWorker ? new ClusterMemoryStoreWorker({ prefix }) : undefined;
}

export function signInLimiter(opts: { clusterWorker?: boolean } = {}) {
  const store = counterStore("sign-in", opts.clusterWorker ?? false);
  return rateLimit({
    ...(store ? { store } : {}),
    windowMs: 60_000,
    limit: SIGN_IN_FAILURES_PER_MINUTE,
    skipSuccessfulRequests: true,
    standardHeaders: "draft-7",
    legacyHeaders: false,
    handler: tooMany("Too many failed sign-in attempts. Wait a minute and try again."),
  });
}

export function registerLimiter(opts: { clusterWorker?: boolean } = {}) {
  const store = counterStore("register", opts.clusterWorker ?? false);
  return rateLimit({
    ...(store ? { store } : {}),
    windowMs: 60 * 60_000,
    limit: REGISTRATIONS_PER_HOUR,
    standardHeaders: "draft-7",
    legacyHeaders: false,
    handler: tooMany("Too many registrations from this address. Try again later."),
  });
}
