import { csrfSync } from "csrf-sync";
import type { NextFunction, Request, Response } from "express";

// Synchroniser tokens kept in the session: forms carry `_csrf`, scripts send `x-csrf-token`.
const { csrfSynchronisedProtection, generateToken } = csrfSync({
  getTokenFromRequest: (req) => {
    const header = req.get("x-csrf-token");
    if (header) return header;
    const body = req.body as Record<string, unknown> | undefined;
    return typeof body?._csrf === "string" ? body._csrf : undefined;
  },
  errorConfig: {
    statusCode: 403,
    message: "This form has expired or was not sent from Rapport. Reload the page and try again.",
    code: "EBADCSRFTOKEN",
  },
});

/** Checks the token on every state-changing request and gives views a token to embed. */
export function csrfProtection(req: Request, res: Response, next: NextFunction): void {
  res.locals.csrfToken = () => generateToken(req);
  csrfSynchronisedProtection(req, res, next);
}
