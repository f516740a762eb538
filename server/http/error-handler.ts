import type { ErrorRequestHandler, Request, RequestHandler } from "express";
import { HttpError, ValidationError } from "./http-errors.ts";
import type { Logger } from "./logger.ts";

function wantsJson(req: Request): boolean {
  return req.path.startsWith("/api/") || req.accepts(["html", "json"]) === "json";
}

export function notFoundHandler(): RequestHandler {
  return (req, res) => {
    const message = "There is no page at this address.";
    res.status(404);
    if (wantsJson(req)) res.json({ error: "Not found" });
    else res.render("error", { title: "Page not found", message, status: 404 });
  };
}

// body-parser's own words ("request entity too large") do not say what to do about it.
const TOO_LARGE =
  "This is larger than Rapport accepts (1 MB per request; a lesson may have at most 100,000 characters).";
const FORM_TOO_LARGE =
  "This form is larger than Rapport accepts (100 KB). Shorten the text and try again.";

/** One place turns errors into responses: a friendly page or `{error}`, never a stack trace. */
export function errorHandler(opts: { logger: Logger; showDetails: boolean }): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const e = err as Error & {
      status?: number;
      statusCode?: number;
      type?: string;
      expose?: boolean;
      limit?: number;
    };
    let status = e instanceof HttpError ? e.status : (e.status ?? e.statusCode ?? 500);
    if (status < 400 || status > 599) status = 500;
    // body-parser and csrf-sync errors carry `expose`: their messages are written for users.
    const safe = e instanceof HttpError || (e.expose === true && status < 500);
    const message =
      status === 413 && !(e instanceof HttpError)
        ? (e.limit ?? Infinity) < 1024 * 1024
          ? FORM_TOO_LARGE
          : TOO_LARGE
        : safe
          ? e.message
          : "Something went wrong on our side. Please try again.";
    if (status >= 500) opts.logger.error({ err: e, url: req.originalUrl }, "request failed");
    else opts.logger.debug({ status, url: req.originalUrl, msg: e.message }, "request refused");
    if (res.headersSent) return;
    res.status(status);
    if (wantsJson(req)) {
      const body: Record<string, unknown> = { error: message };
      if (e instanceof ValidationError) body.fields = e.fields;
      if (opts.showDetails && status >= 500) body.detail = e.stack;
      res.json(body);
      return;
    }
    res.render("error", {
      title: status === 403 ? "Not allowed" : status === 404 ? "Not found" : "Something went wrong",
      message,
      status,
      detail: opts.showDetails && status >= 500 ? e.stack : undefined,
    });
  };
}
