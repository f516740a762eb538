import type { NextFunction, Request, Response } from "express";
import { forbidden, HttpError } from "../http/http-errors.ts";
import { isLocalPath } from "../http/local-path.ts";
import { hasRole, type Role } from "./roles.ts";

function wantsHtml(req: Request): boolean {
  return !req.path.startsWith("/api/") && req.accepts(["html", "json"]) === "html";
}

/** Signed-out visitors go to sign in (pages) or get 401 (API). */
export function requireSignIn(req: Request, res: Response, next: NextFunction): void {
  if (req.user) {
    next();
    return;
  }
  if (wantsHtml(req) && (req.method === "GET" || req.method === "HEAD")) {
    res.redirect(`/login?next=${encodeURIComponent(req.originalUrl)}`);
    return;
  }
  next(new HttpError(401, "Sign in first"));
}

/** Allows `role` and every role above it (admin ⊇ author ⊇ learner). */
export function requireRole(role: Role) {
  return (req: Request, res: Response, next: NextFunction): void => {
    requireSignIn(req, res, (err?: unknown) => {
      if (err) return next(err);
      if (!req.user || !hasRole(req.user.role, role)) return next(forbidden());
      next();
    });
  };
}

/** Only same-site relative paths are followed after sign-in, never another host. */
export function safeNextPath(next: unknown, fallback = "/dashboard"): string {
  return isLocalPath(next) ? next : fallback;
}

/** The signed-in user, for handlers behind requireSignIn/requireRole. */
export function signedInUser(req: Request): Express.User {
  if (!req.user) throw new HttpError(401, "Sign in first");
  return req.user;
}
