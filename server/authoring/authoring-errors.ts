import type { ErrorRequestHandler } from "express";
import { HttpError } from "../http/http-errors.ts";

/** 409: the draft was saved by someone else since this author loaded it. */
export class RevisionConflict extends HttpError {
  constructor(
    message: string,
    readonly revision: number,
  ) {
    super(409, message);
  }
}

/** 400: a course folder (from a zip) has problems, each "file:line: message" as courses:check. */
export class CourseProblemsError extends HttpError {
  constructor(
    message: string,
    readonly problems: string[],
  ) {
    super(400, message);
  }
}

/**
 * The two authoring errors whose JSON carries more than `{error, fields}`; everything else goes
 * on to the app's central error handler.
 */
export function authoringErrorResponder(): ErrorRequestHandler {
  return (err, _req, res, next) => {
    if (res.headersSent) return next(err);
    if (err instanceof RevisionConflict) {
      res.status(409).json({ error: err.message, revision: err.revision });
      return;
    }
    if (err instanceof CourseProblemsError) {
      res.status(400).json({ error: err.message, problems: err.problems });
      return;
    }
    next(err);
  };
}
