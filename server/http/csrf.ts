import { csrfSync } from "csrf-sync";
import type { Request, RequestHandler } from "express";
import { HttpError } from "./http-errors.ts";
import { signedOutFormTokens } from "./signed-out-form-token.ts";

const EXPIRED_FORM =
  "This form has expired or was not sent from Rapport. Reload the page and try again.";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function tokenFromRequest(req: Request): string | undefined {
  const header = req.get("x-csrf-token");
  if (header) return header;
  const body = req.body as Record<string, unknown> | undefined;
  return typeof body?._csrf === "string" ? body._csrf : undefined;
}

function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

// Signed-in forms: synchroniser tokens kept in the session the person already has.
const sync = csrfSync({
  getTokenFromRequest: tokenFromRequest,
  errorConfig: { statusCode: 403, message: EXPIRED_FORM, code: "EBADCSRFTOKEN" },
});

export interface CsrfOptions {
  secret: string;
  secureCookies: boolean;
  /** Paths of the forms a signed-out visitor posts; they take the signed double-submit token. */
  signedOutForms: readonly string[];
}

/**
 * Checks a token on every state-changing request and gives views `csrfToken()`. A signed-in
 * person gets the session's synchroniser token; a signed-out visitor gets a signed double-submit
 * token, so rendering a sign-in page never creates a session. The signed-out form paths accept
 * either kind (a signed-in person may still post one); every other path only the session's.
 */
export function csrfProtection(opts: CsrfOptions): RequestHandler {
  const tokens = signedOutFormTokens(opts.secret);
  // __Host- keeps a sibling subdomain from planting its own nonce over HTTPS.
  const cookieName = opts.secureCookies ? "__Host-rapport.form" : "rapport.form";
  const signedOutForms = new Set(opts.signedOutForms);

  return (req, res, next) => {
    res.locals.csrfToken = () => {
      if (req.user) return sync.generateToken(req);
      let nonce = readCookie(req, cookieName);
      if (!nonce || nonce.length > 100) {
        nonce = tokens.newNonce();
        res.cookie(cookieName, nonce, {
          httpOnly: true,
          sameSite: "lax",
          secure: opts.secureCookies,
          path: "/",
        });
      }
      return tokens.tokenFor(nonce);
    };
    if (SAFE_METHODS.has(req.method)) return next();
    const given = tokenFromRequest(req);
    // Routing ignores case and a trailing slash; so does this.
    const path = req.path.toLowerCase().replace(/(.)\/+$/, "$1");
    const valid =
      (signedOutForms.has(path) && tokens.isValid(readCookie(req, cookieName), given)) ||
      (req.session !== undefined && sync.isRequestValid(req));
    next(valid ? undefined : new HttpError(403, EXPIRED_FORM));
  };
}
