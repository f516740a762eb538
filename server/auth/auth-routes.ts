import { Router } from "express";
import type { PassportStatic } from "passport";
import { ValidationError } from "../http/http-errors.ts";
import { registerLimiter, signInLimiter } from "../http/rate-limits.ts";
import { createFirstAdmin } from "./create-first-admin.ts";
import { adminExists, createUser } from "./create-user.ts";
import { safeNextPath } from "./guards.ts";
import { SIGN_IN_FAILED } from "./passport-setup.ts";

/** Forms a signed-out visitor posts: they carry a token that needs no stored session. */
export const SIGNED_OUT_FORMS = ["/login", "/register", "/setup"] as const;

type Body = Record<string, unknown>;
const str = (v: unknown) => (typeof v === "string" ? v : "");

export function authRouter(deps: { passport: PassportStatic; clusterWorker?: boolean }): Router {
  const router = Router();
  const loginLimiter = signInLimiter({ clusterWorker: deps.clusterWorker });
  const signupLimiter = registerLimiter({ clusterWorker: deps.clusterWorker });

  router.get("/login", async (req, res) => {
    if (req.user) return res.redirect("/dashboard");
    res.render("auth/login", {
      title: "Sign in",
      values: { email: "" },
      errors: {},
      next: safeNextPath(req.query.next, ""),
      needsSetup: !(await adminExists()),
    });
  });

  router.post("/login", loginLimiter, (req, res, next) => {
    const body = req.body as Body;
    const strategy = deps.passport.authenticate(
      "local",
      (err: unknown, user: Express.User | false) => {
        if (err) return next(err);
        if (!user) {
          // 401 (not 200) so the rate limiter counts the failure.
          res.status(401).render("auth/login", {
            title: "Sign in",
            values: { email: str(body.email) },
            errors: { form: SIGN_IN_FAILED },
            next: safeNextPath(body.next, ""),
            needsSetup: false,
          });
          return;
        }
        // passport ≥0.6 regenerates the session here, so a pre-login session id is never reused.
        req.login(user, (loginErr) => {
          if (loginErr) return next(loginErr);
          res.redirect(safeNextPath(body.next));
        });
      },
    );
    strategy(req, res, next);
  });

  router.get("/register", (req, res) => {
    if (req.user) return res.redirect("/dashboard");
    res.render("auth/register", { title: "Create an account", values: {}, errors: {} });
  });

  router.post("/register", signupLimiter, async (req, res, next) => {
    const body = req.body as Body;
    const values = { email: str(body.email), displayName: str(body.displayName) };
    try {
      // Self-registration only ever makes learners, whatever the form says.
      const user = await createUser({ ...values, password: body.password, role: "learner" });
      req.login(user, (err) => (err ? next(err) : res.redirect("/dashboard")));
    } catch (err) {
      if (!(err instanceof ValidationError)) return next(err);
      res
        .status(400)
        .render("auth/register", { title: "Create an account", values, errors: err.fields });
    }
  });

  router.post("/logout", (req, res, next) => {
    req.logout((err) => {
      if (err) return next(err);
      req.session.destroy(() => res.redirect("/login"));
    });
  });

  // First run: whoever is at the machine creates the first admin; afterwards the page is gone.
  router.get("/setup", async (_req, res, next) => {
    if (await adminExists()) return next();
    res.render("auth/setup", { title: "Set up Rapport", values: {}, errors: {} });
  });

  router.post("/setup", signupLimiter, async (req, res, next) => {
    const body = req.body as Body;
    const values = { email: str(body.email), displayName: str(body.displayName) };
    try {
      const user = await createFirstAdmin({ ...values, password: body.password });
      if (!user) return next();
      req.login(user, (err) => (err ? next(err) : res.redirect("/dashboard")));
    } catch (err) {
      if (!(err instanceof ValidationError)) return next(err);
      res.status(400).render("auth/setup", { title: "Set up Rapport", values, errors: err.fields });
    }
  });

  return router;
}
