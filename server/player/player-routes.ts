import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Router } from "express";
import { requireSignIn, signedInUser } from "../auth/guards.ts";
import { notFound } from "../http/http-errors.ts";
import { startAttempt } from "../runtime/start-attempt.ts";
import { bundleForVersion } from "./bundle-cache.ts";
import { canOpenBundle } from "./can-open-bundle.ts";
import { catalogFor } from "./catalog.ts";
import { dashboardFor } from "./dashboard.ts";
import { hostScript, isHostScript } from "./host-script.ts";
import { modulePageData } from "./module-page.ts";
import { playerPageData } from "./player-page.ts";

const require = createRequire(import.meta.url);
/** The SCORM 2004 API the player page loads (the service worker keeps it with the app shell). */
export const SCORM_AGAIN_FILE = join(
  dirname(require.resolve("scorm-again/scorm2004/min")),
  "scorm2004.min.js",
);
export const SCORM_AGAIN_URL = "/vendor/scorm-again/scorm2004.min.js";

export function playerRouter(deps: { secret: string }): Router {
  const router = Router();

  router.get(SCORM_AGAIN_URL, (_req, res) => {
    res.sendFile(SCORM_AGAIN_FILE, { maxAge: "1d" });
  });

  // The player's and the preview's host scripts, built from TypeScript (host-script.ts).
  router.get("/js/:name", (req, res, next) => {
    const name = String(req.params.name);
    if (!isHostScript(name)) {
      next();
      return;
    }
    res.type("js").set("Cache-Control", "no-cache").send(hostScript(name));
  });

  router.get("/catalog", requireSignIn, async (req, res) => {
    const modules = await catalogFor(signedInUser(req).id);
    res.render("player/catalog", { title: "Catalog", modules });
  });

  router.get("/dashboard", requireSignIn, async (req, res) => {
    const data = await dashboardFor(signedInUser(req).id);
    res.render("player/dashboard", { title: "My learning", ...data });
  });

  router.get("/modules/:slug", requireSignIn, async (req, res) => {
    const data = await modulePageData(String(req.params.slug), signedInUser(req).id);
    res.render("player/module", { title: data.title, module: data });
  });

  // The confirm step before a retake: a page and a form, so it works without JavaScript.
  router.get("/modules/:slug/retake", requireSignIn, async (req, res) => {
    const data = await modulePageData(String(req.params.slug), signedInUser(req).id);
    if (!data.canRetake) {
      res.redirect(303, `/modules/${data.slug}`);
      return;
    }
    res.render("player/retake", { title: `Retake ${data.title}?`, module: data });
  });

  router.post("/modules/:slug/attempts", requireSignIn, async (req, res) => {
    const body = req.body as Record<string, unknown>;
    const retake = body.retake === "1";
    // A retake starts over; one that was not confirmed goes to the page that asks first.
    if (retake && body.confirmed !== "1") {
      res.redirect(303, `/modules/${encodeURIComponent(String(req.params.slug))}/retake`);
      return;
    }
    const attempt = await startAttempt({
      userId: signedInUser(req).id,
      slug: String(req.params.slug),
      retake,
    });
    res.redirect(303, `/attempts/${attempt._id.toString()}/play`);
  });

  router.get("/attempts/:id/play", requireSignIn, async (req, res) => {
    const data = await playerPageData({
      attemptId: String(req.params.id),
      user: signedInUser(req),
      secret: deps.secret,
    });
    res.render("player/play", { title: data.title, player: data });
  });

  // The SCO bundle, framed by the player from the same origin.
  router.get("/bundles/:versionId/:file", requireSignIn, async (req, res) => {
    const versionId = String(req.params.versionId);
    if (!(await canOpenBundle(signedInUser(req), versionId))) throw notFound("File");
    const bundle = await bundleForVersion(versionId);
    const file = bundle?.files.get(String(req.params.file));
    if (!file) throw notFound("File");
    res.set("Cache-Control", "private, max-age=86400");
    res.set("ETag", file.etag);
    if (req.get("if-none-match") === file.etag) {
      res.status(304).end();
      return;
    }
    res.type(String(req.params.file).split(".").pop() ?? "bin").send(file.data);
  });

  return router;
}
