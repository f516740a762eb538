import { ClusterMemoryStoreWorker } from "@express-rate-limit/cluster-memory-store";
import type { Request, Response } from "express";
import { rateLimit } from "express-rate-limit";

export const RESET_REQUESTS_PER_HOUR = 10;

/**
 * "Forgot your password?" requests per address and hour. Each account also gets at most a few
 * links an hour (password-reset.ts), so the form cannot be used to flood someone's inbox.
 * Counters are shared by cluster workers, like the sign-in limit.
 */
export function resetRequestLimiter(opts: { clusterWorker?: boolean } = {}) {
  const store = opts.clusterWorker ? new ClusterMemoryStoreWorker({ prefix: "reset" }) : undefined;
  return rateLimit({
    ...(store ? { store } : {}),
    windowMs: 60 * 60_000,
    limit: RESET_REQUESTS_PER_HOUR,
    standardHeaders: "draft-7",
    legacyHeaders: false,
    handler: (_req: Request, res: Response) => {
      res.status(429).render("error", {
        title: "Too many attempts",
        message: "Too many password reset requests from this address. Try again later.",
        status: 429,
      });
    },
  });
}
