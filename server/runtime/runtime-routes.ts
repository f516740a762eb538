import { Router } from "express";
import { HttpError } from "../http/http-errors.ts";
import { applyCommit } from "./apply-commit.ts";
import type { CommitBudget } from "./commit-budget.ts";
import { verifyCommitToken } from "./commit-token.ts";

/**
 * POST /api/attempts/:id/commit — mounted before the session middleware: the commit token
 * authenticates the learner, so a commit costs one database write and no session read.
 * Answers in the shape scorm-again's response handler expects ({result, errorCode}).
 */
export function runtimeRouter(deps: { secret: string; budget: CommitBudget }): Router {
  const router = Router();
  router.post("/api/attempts/:id/commit", async (req, res) => {
    const header = req.get("authorization") ?? "";
    const token = header.startsWith("Bearer ") ? header.slice(7) : "";
    const claims = token ? verifyCommitToken(deps.secret, token) : null;
    if (!claims)
      throw new HttpError(401, "The player's session has expired. Reload the page to continue.");
    // A token names one attempt: it never opens another learner's (applyCommit checks the
    // owner again in its filter).
    if (claims.attemptId !== req.params.id)
      throw new HttpError(403, "You do not have permission to do that");
    // Counted before the body is checked: refused commits spend the budget too.
    const wait = deps.budget.take(claims.attemptId);
    if (wait > 0) {
      res.set("Retry-After", String(wait));
      throw new HttpError(
        429,
        `This attempt is saving more than ${deps.budget.perMinute} times a minute; try again in ${wait} s`,
      );
    }
    const outcome = await applyCommit({
      attemptId: req.params.id,
      userId: claims.userId,
      body: req.body,
    });
    res.json({
      result: "true",
      errorCode: 0,
      seq: outcome.seq,
      applied: outcome.applied,
      ...(outcome.applied ? {} : { session: outcome.session }),
    });
  });
  return router;
}
