import type { Request } from "express";
import { rateLimit } from "express-rate-limit";

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

// Counters are per process (memory store). With several app processes behind a load balancer
// the effective limit multiplies by their number; see README "Limits".
export function signInLimiter() {
  return rateLimit({
    windowMs: 60_000,
    limit: SIGN_IN_FAILURES_PER_MINUTE,
    skipSuccessfulRequests: true,
    standardHeaders: "draft-7",
    legacyHeaders: false,
    handler: tooMany("Too many failed sign-in attempts. Wait a minute and try again."),
  });
}

export function registerLimiter() {
  return rateLimit({
    windowMs: 60 * 60_000,
    limit: REGISTRATIONS_PER_HOUR,
    standardHeaders: "draft-7",
    legacyHeaders: false,
    handler: tooMany("Too many registrations from this address. Try again later."),
  });
}
