import { type RequestHandler, Router } from "express";
import { ensurePrefs, type PrefsDefaults } from "../account/learner-prefs.ts";
import { requireSignIn, signedInUser } from "../auth/guards.ts";
import { ValidationError } from "../http/http-errors.ts";
import { answerReviewCard } from "./answer-review-card.ts";
import { reviewGlance } from "./review-glance.ts";
import { reviewLessonPage } from "./review-lesson-page.ts";
import { feedbackScreen, reviewScreen } from "./review-pages.ts";

export interface ReviewRouteDeps {
  clock: () => Date;
  defaults: PrefsDefaults;
}

const REVIEW_CSS = "/css/review.css";

export function reviewRouter(deps: ReviewRouteDeps): Router {
  const router = Router();

  const settingsOf = async (userId: string, now: Date) => {
    const prefs = await ensurePrefs(userId, deps.defaults, now);
    return { timeZone: prefs.timeZone, dailyReviewSize: prefs.dailyReviewSize };
  };

  router.get("/review", requireSignIn, async (req, res) => {
    const user = signedInUser(req);
    const now = deps.clock();
    const screen = await reviewScreen(user.id, now, await settingsOf(user.id, now));
    res.render("review/review", { title: "Review", extraCss: REVIEW_CSS, screen, errors: {} });
  });

  router.post("/review/answer", requireSignIn, async (req, res) => {
    const user = signedInUser(req);
    const body = req.body as Record<string, unknown>;
    const cardId = typeof body.card === "string" ? body.card : "";
    const now = deps.clock();
    const settings = await settingsOf(user.id, now);
    try {
      await answerReviewCard({ userId: user.id, cardId, body, now, settings });
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      // Nothing was recorded: the same card again, with what is missing.
      const screen = await reviewScreen(user.id, now, settings);
      res.status(400).render("review/review", {
        title: "Review",
        extraCss: REVIEW_CSS,
        screen,
        errors: err.fields,
      });
      return;
    }
    res.redirect(303, `/review/answered/${cardId}`);
  });

  router.get("/review/answered/:cardId", requireSignIn, async (req, res) => {
    const user = signedInUser(req);
    const now = deps.clock();
    const screen = await feedbackScreen(
      user.id,
      String(req.params.cardId),
      now,
      await settingsOf(user.id, now),
    );
    res.render("review/feedback", {
      title: screen.correct ? "Correct · Review" : "Not quite · Review",
      extraCss: REVIEW_CSS,
      screen,
    });
  });

  router.get("/review/lessons/:slug/:lessonId", requireSignIn, async (req, res) => {
    const page = await reviewLessonPage(
      signedInUser(req).id,
      String(req.params.slug),
      String(req.params.lessonId),
    );
    res.render("review/lesson", { title: page.title, extraCss: REVIEW_CSS, page });
  });

  return router;
}

/** Puts the review panel's figures in `res.locals.reviewGlance` for the dashboard. */
export function reviewGlanceForDashboard(deps: ReviewRouteDeps): RequestHandler {
  return async (req, res, next) => {
    if (!req.user) return next();
    res.locals.reviewGlance = await reviewGlance(req.user.id, deps.clock(), deps.defaults);
    next();
  };
}
