import type { ErrorRequestHandler } from "express";
import { HttpError, ValidationError } from "../http/http-errors.ts";

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

/** 400: the draft is valid but still holds text nobody has written yet; fields say where. */
export class PublishBlocked extends ValidationError {
  constructor(fields: Record<string, string>) {
    super(fields);
    const n = Object.keys(fields).length;
    this.message = `Not published: ${n} ${n === 1 ? "piece" : "pieces"} of placeholder text still need rewriting. Each is marked in the editor.`;
  }
}

/**
 * 428: learners have already taken this module, so a new version changes what a retake gets;
 * the author is asked to confirm before it is published.
 */
export class RetakeConfirmationNeeded extends HttpError {
  constructor(
    message: string,
    readonly learners: number,
  ) {
    super(428, message);
  }
}

/**
 * The authoring errors whose JSON carries more than `{error, fields}`; everything else goes
 * on to the app's central error handler.
 */
export function authoringErrorResponder(): ErrorRequestHandler {
  return (err, _req, res, next) => {
    if (res.headersSent) return next(err);
    if (err instanceof RevisionConflict) {
      res.status(409).json({ error: err.message, revision: err.revision });
      return;
    }
    if (err instanceof RetakeConfirmationNeeded) {
      res.status(428).json({ error: err.message, confirm: true, learners: err.learners });
      return;
    }
    if (err instanceof CourseProblemsError) {
      res.status(400).json({ error: err.message, problems: err.problems });
      return;
    }
    next(err);
  };
}
