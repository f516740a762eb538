import { join } from "node:path";
import compression from "compression";
import express, { type Express } from "express";
import type mongoose from "mongoose";
import { pinoHttp } from "pino-http";
import { ACCOUNT_SIGNED_OUT_FORMS, accountRouter } from "./account/account-routes.ts";
import { hideLinkSecrets, requestWithoutLinkSecrets } from "./account/hide-link-secrets.ts";
import { unsubscribeRouter } from "./account/unsubscribe-routes.ts";
import { auditRouter } from "./audit/audit-routes.ts";
import { authRouter, SIGNED_OUT_FORMS } from "./auth/auth-routes.ts";
import { configurePassport } from "./auth/passport-setup.ts";
import { userAdminRouter } from "./auth/user-admin-routes.ts";
import { authoringPagesRouter } from "./authoring/authoring-pages.ts";
import { authoringRouter } from "./authoring/authoring-routes.ts";
import { authoringScriptsRouter } from "./authoring/authoring-scripts.ts";
import { certificateRouter } from "./certificates/certificate-routes.ts";
import { type Config, REPO_ROOT } from "./config.ts";
import { csrfProtection } from "./http/csrf.ts";
import { errorHandler, notFoundHandler } from "./http/error-handler.ts";
import { healthRouter } from "./http/health-routes.ts";
import { jsonForScript } from "./http/json-for-script.ts";
import type { Logger } from "./http/logger.ts";
import { securityHeaders } from "./http/security-headers.ts";
import { sessionMiddleware } from "./http/session.ts";
import { outboxRouter } from "./mail/outbox-routes.ts";
import { playerRouter } from "./player/player-routes.ts";
import { pwaRouter } from "./pwa/pwa-routes.ts";
import { reportRouter } from "./reports/report-routes.ts";
import { reviewGlanceForDashboard, reviewRouter } from "./review/review-routes.ts";
import { defaultReviewWiring, type ReviewWiring } from "./review/wiring.ts";
import { CommitBudget } from "./runtime/commit-budget.ts";
import { runtimeRouter } from "./runtime/runtime-routes.ts";
import { exportRouter } from "./scorm/export-routes.ts";

export const FORM_BODY_LIMIT = "100kb";
export const JSON_BODY_LIMIT = "1mb";

export interface AppDeps {
  config: Pick<Config, "env" | "sessionSecret" | "trustProxy"> &
    Partial<Pick<Config, "commitsPerMinute">>;
  logger: Logger;
  connection: mongoose.Connection;
  /** False on the embedded database, whose TTL indexes never expire anything. */
  ttlIndexesWork: boolean;
  /** A node:cluster worker: rate-limit counters are shared through the primary. */
  clusterWorker?: boolean;
  /** Review, reminders and mail (issue #15): mailer, link base, time zone, clock. */
  review?: Partial<ReviewWiring>;
}

/** Builds the Express app. No listening, no connecting: tests and main.ts both call this. */
export function createApp(deps: AppDeps): { app: Express; close: () => Promise<void> } {
  const app = express();
  const production = deps.config.env === "production";
  app.set("views", join(REPO_ROOT, "views"));
  app.set("view engine", "ejs");
  // Express caches compiled templates only when NODE_ENV=production; tests render thousands of
  // pages, and only a developer editing views needs them re-read.
  app.set("view cache", deps.config.env !== "development");
  // `true` means one proxy: the client is the address that proxy appended to X-Forwarded-For,
  // not whatever the client itself wrote at the front of it.
  app.set("trust proxy", deps.config.trustProxy === true ? 1 : deps.config.trustProxy);
  app.disable("x-powered-by");
  app.locals.jsonForScript = jsonForScript;

  app.use(securityHeaders({ https: production }));
  app.use(express.json({ limit: JSON_BODY_LIMIT }));
  // Commits authenticate with their own token, before (and without) the session machinery and
  // the per-request log line: a learner sends one per answer; failures are still logged.
  app.use(
    runtimeRouter({
      secret: deps.config.sessionSecret,
      budget: new CommitBudget(deps.config.commitsPerMinute),
    }),
  );
  // After the commit route: commit answers are tiny, everything else (pages, the player's
  // scorm-again build, bundles) shrinks several-fold.
  app.use(compression());
  app.use(
    pinoHttp({
      logger: deps.logger,
      autoLogging: { ignore: (req) => req.url === "/healthz" },
      // One short line per request on a developer's console; JSON lines keep req and res too.
      // Reset-link tokens and unsubscribe signatures work for whoever holds them: never logged.
      customSuccessMessage: (req, res, ms) =>
        `${req.method} ${hideLinkSecrets(req.url ?? "")} ${res.statusCode} ${ms} ms`,
      customErrorMessage: (req, res) =>
        `${req.method} ${hideLinkSecrets(req.url ?? "")} ${res.statusCode} failed`,
      serializers: { req: requestWithoutLinkSecrets },
    }),
  );
  app.use(healthRouter({ connection: deps.connection }));
  app.use(pwaRouter());
  app.use(authoringScriptsRouter());
  app.use(
    express.static(join(REPO_ROOT, "public"), { index: false, maxAge: production ? "1h" : 0 }),
  );
  app.use(express.urlencoded({ extended: false, limit: FORM_BODY_LIMIT }));
  // Express 5 leaves req.body undefined for a POST without a body; every handler reads an
  // empty form instead, and gets a 4xx for what is missing rather than a crash.
  app.use((req, _res, next) => {
    req.body ??= {};
    next();
  });
  const review = defaultReviewWiring(deps.review);
  const reviewDeps = { clock: review.clock, defaults: { timeZone: review.timeZone } };
  // Signed by HMAC, so it needs neither a session nor a CSRF token (one-click unsubscribe).
  app.use(unsubscribeRouter({ secret: deps.config.sessionSecret, clock: review.clock }));

  const sessions = sessionMiddleware({
    secret: deps.config.sessionSecret,
    connection: deps.connection,
    ttlIndexesWork: deps.ttlIndexesWork,
    secureCookies: production,
  });
  app.use(sessions.middleware);
  const passport = configurePassport();
  app.use(passport.session());
  app.use(
    csrfProtection({
      secret: deps.config.sessionSecret,
      secureCookies: production,
      signedOutForms: [...SIGNED_OUT_FORMS, ...ACCOUNT_SIGNED_OUT_FORMS],
    }),
  );
  app.use((req, res, next) => {
    res.locals.user = req.user ?? null;
    res.locals.path = req.path;
    next();
  });

  app.get("/", (req, res) => res.redirect(req.user ? "/dashboard" : "/login"));
  app.use(
    accountRouter({
      ...reviewDeps,
      mailer: review.mailer,
      publicUrl: review.publicUrl,
      logger: deps.logger,
      clusterWorker: deps.clusterWorker ?? false,
    }),
  );
  app.use(authRouter({ passport, clusterWorker: deps.clusterWorker ?? false }));
  app.use(reviewRouter(reviewDeps));
  app.use(outboxRouter({ outboxDir: review.outboxDir }));
  app.get("/dashboard", reviewGlanceForDashboard(reviewDeps));
  app.use(authoringRouter());
  app.use(userAdminRouter());
  app.use(auditRouter());
  app.use(authoringPagesRouter());
  app.use(reportRouter());
  app.use(exportRouter());
  app.use(playerRouter({ secret: deps.config.sessionSecret }));
  app.use(certificateRouter({ publicUrl: review.publicUrl }));

  app.use(notFoundHandler());
  app.use(errorHandler({ logger: deps.logger, showDetails: !production }));

  return {
    app,
    // store.close() would also close mongoose's client, which belongs to the caller; only the
    // expired-session sweep timer is the app's to stop.
    close: async () => {
      const timer = (sessions.store as unknown as { timer?: NodeJS.Timeout }).timer;
      if (timer) clearInterval(timer);
    },
  };
}
