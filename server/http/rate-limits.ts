import { createHash } from "node:crypto";
import { ClusterMemoryStoreWorker } from "@express-rate-limit/cluster-memory-store";
import type { Request, RequestHandler, Response } from "express";
import { ipKeyGenerator, rateLimit, type Store } from "express-rate-limit";
import { failureCounter } from "./failure-counter.ts";
import { FailureGate } from "./failure-gate.ts";

export const SIGN_IN_FAILURES_PER_ADDRESS = 10;
export const ADDRESS_WINDOW_MINUTES = 1;
export const SIGN_IN_FAILURES_PER_ACCOUNT = 20;
export const ACCOUNT_WINDOW_MINUTES = 15;
export const REGISTRATIONS_PER_HOUR = 20;

function tooMany(req: Request, res: Response, message: string, retryAfterS?: number): void {
  if (retryAfterS) res.set("Retry-After", String(retryAfterS));
  res.status(429);
  if (req.accepts(["html", "json"]) === "json") {
    res.json({ error: message });
  } else {
    res.render("error", { title: "Too many attempts", message, status: 429 });
  }
}

/**
 * Counters live in memory: in this process, or, for cluster workers, in the primary (shared by
 * every worker through IPC). Separate machines behind a load balancer each count on their own;
 * see README "Limits".
 */
function counterStore(prefix: string, clusterWorker: boolean): Store | undefined {
  return clusterWorker ? new ClusterMemoryStoreWorker({ prefix }) : undefined;
}

/** The account a sign-in names, as the strategy looks it up; hashed so keys stay small. */
function accountKey(req: Request): string | null {
  const email = (req.body as Record<string, unknown>).email;
  if (typeof email !== "string" || email.trim() === "") return null;
  return createHash("sha256").update(email.trim().toLowerCase()).digest("base64url");
}

/**
 * Failed sign-ins are limited per address and per account; correct ones never count. The route
 * answers 401 for a failed attempt, which is what is counted.
 */
export function signInLimiter(opts: { clusterWorker?: boolean } = {}): RequestHandler {
  const clusterWorker = opts.clusterWorker ?? false;
  const byAddress = failureCounter({
    prefix: "sign-in-address",
    windowMs: ADDRESS_WINDOW_MINUTES * 60_000,
    clusterWorker,
  });
  const byAccount = failureCounter({
    prefix: "sign-in-account",
    windowMs: ACCOUNT_WINDOW_MINUTES * 60_000,
    clusterWorker,
  });
  const gate = new FailureGate();
  return async (req, res, next) => {
    const limits = [
      {
        counter: byAddress,
        key: ipKeyGenerator(req.ip ?? ""),
        max: SIGN_IN_FAILURES_PER_ADDRESS,
        message: "Too many failed sign-in attempts. Wait a minute and try again.",
      },
    ];
    const account = accountKey(req);
    if (account) {
      limits.push({
        counter: byAccount,
        key: account,
        max: SIGN_IN_FAILURES_PER_ACCOUNT,
        message: `Too many failed sign-in attempts for this account. Wait ${ACCOUNT_WINDOW_MINUTES} minutes and try again.`,
      });
    }
    try {
      const admission = await gate.admit(limits);
      if (!admission.admitted) {
        tooMany(req, res, admission.message, admission.retryAfterS);
        return;
      }
      res.once("close", () => {
        admission.release(res.statusCode === 401).catch((err: unknown) => {
          req.log?.error({ err }, "a failed sign-in was not counted");
        });
      });
      next();
    } catch (err) {
      next(err);
    }
  };
}

export function registerLimiter(opts: { clusterWorker?: boolean } = {}) {
  const store = counterStore("register", opts.clusterWorker ?? false);
  return rateLimit({
    ...(store ? { store } : {}),
    windowMs: 60 * 60_000,
    limit: REGISTRATIONS_PER_HOUR,
    standardHeaders: "draft-7",
    legacyHeaders: false,
    handler: (req, res) =>
      tooMany(req, res, "Too many registrations from this address. Try again later."),
  });
}
