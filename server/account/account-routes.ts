import { Router } from "express";
import { requireSignIn, signedInUser } from "../auth/guards.ts";
import { HttpError, ValidationError } from "../http/http-errors.ts";
import type { Logger } from "../http/logger.ts";
import { fieldErrors } from "../http/zod-fields.ts";
import type { Mailer } from "../mail/mailer.ts";
import { timeZoneNames } from "../review/learner-days.ts";
import {
  DAILY_REVIEW_MAX,
  DAILY_REVIEW_MIN,
  ensurePrefs,
  type PrefsDefaults,
  REMINDER_TIME_DEFAULT,
  saveSettings,
} from "./learner-prefs.ts";
import {
  forgotInput,
  LINK_DOES_NOT_WORK,
  requestPasswordReset,
  resetLinkWorks,
  resetPassword,
} from "./password-reset.ts";
import { resetRequestLimiter } from "./reset-limits.ts";

/** Forms a signed-out visitor posts here (they take the signed-out form token). */
export const ACCOUNT_SIGNED_OUT_FORMS = ["/forgot-password", "/reset-password"] as const;

export interface AccountRouteDeps {
  clock: () => Date;
  defaults: PrefsDefaults;
  mailer: Mailer;
  publicUrl: string;
  logger: Logger;
  clusterWorker?: boolean;
}

type Body = Record<string, unknown>;
const str = (v: unknown) => (typeof v === "string" ? v : "");

export function accountRouter(deps: AccountRouteDeps): Router {
  const router = Router();
  const limiter = resetRequestLimiter({ clusterWorker: deps.clusterWorker });

  const renderSettings = (
    res: import("express").Response,
    values: Record<string, string>,
    errors: Record<string, string>,
    saved: boolean,
  ) =>
    res.render("account/settings", {
      title: "Settings",
      extraCss: "/css/review.css",
      values,
      errors,
      saved,
      zones: timeZoneNames(),
      sizeMin: DAILY_REVIEW_MIN,
      sizeMax: DAILY_REVIEW_MAX,
    });

  router.get("/account/settings", requireSignIn, async (req, res) => {
    const prefs = await ensurePrefs(signedInUser(req).id, deps.defaults, deps.clock());
    renderSettings(
      res,
      {
        reminders: prefs.reminderTime ? "on" : "off",
        reminderTime: prefs.reminderTime ?? REMINDER_TIME_DEFAULT,
        timeZone: prefs.timeZone,
        dailyReviewSize: String(prefs.dailyReviewSize),
      },
      {},
      req.query.saved === "1",
    );
  });

  router.post("/account/settings", requireSignIn, async (req, res) => {
    const body = req.body as Body;
    try {
      await saveSettings(signedInUser(req).id, body, deps.clock());
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      res.status(400);
      renderSettings(
        res,
        {
          reminders: str(body.reminders),
          reminderTime: str(body.reminderTime),
          timeZone: str(body.timeZone),
          dailyReviewSize: str(body.dailyReviewSize),
        },
        err.fields,
        false,
      );
      return;
    }
    res.redirect(303, "/account/settings?saved=1");
  });

  // The sign-in page says why the learner is there after a reset.
  router.get("/login", (req, res, next) => {
    if (req.query.reset === "1")
      res.locals.notice = "Your password has been changed. Sign in with the new password.";
    next();
  });

  router.get("/forgot-password", (_req, res) => {
    res.render("account/forgot-password", { title: "Reset your password", values: {}, errors: {} });
  });

  router.post("/forgot-password", limiter, (req, res) => {
    const body = req.body as Body;
    const parsed = forgotInput.safeParse({ email: body.email });
    if (!parsed.success) {
      res.status(400).render("account/forgot-password", {
        title: "Reset your password",
        values: { email: str(body.email) },
        errors: fieldErrors(parsed.error),
      });
      return;
    }
    // Answered before looking the email up, and the same for every address: neither the page
    // nor its timing says whether an account exists.
    res.render("account/forgot-password-sent", {
      title: "Check your email",
      email: parsed.data.email,
    });
    requestPasswordReset({
      email: parsed.data.email,
      now: deps.clock(),
      mailer: deps.mailer,
      publicUrl: deps.publicUrl,
    }).catch((err: unknown) => deps.logger.error({ err }, "password reset email not sent"));
  });

  router.get("/reset-password/:token", async (req, res) => {
    const token = String(req.params.token);
    if (!(await resetLinkWorks(token, deps.clock()))) {
      res.status(410).render("account/reset-link-invalid", {
        title: "Link no longer works",
        message: LINK_DOES_NOT_WORK,
      });
      return;
    }
    res.render("account/reset-password", { title: "Choose a new password", token, errors: {} });
  });

  // The token travels in the form, not the address, so the request log never sees it.
  router.post("/reset-password", async (req, res) => {
    const body = req.body as Body;
    const token = str(body.token);
    try {
      await resetPassword({ token, body, now: deps.clock() });
    } catch (err) {
      if (err instanceof ValidationError) {
        res.status(400).render("account/reset-password", {
          title: "Choose a new password",
          token,
          errors: err.fields,
        });
        return;
      }
      if (err instanceof HttpError && err.status === 410) {
        res.status(410).render("account/reset-link-invalid", {
          title: "Link no longer works",
          message: err.message,
        });
        return;
      }
      throw err;
    }
    // Every session of the account has ended; this browser's goes too, whoever it was signed in
    // as: a reset is finished by signing in with the new password.
    const done = () => res.redirect(303, "/login?reset=1");
    if (req.session) req.session.destroy(done);
    else done();
  });

  return router;
}
