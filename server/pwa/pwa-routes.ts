import { type Response, Router } from "express";
import { isPageScript, pageScript } from "./page-scripts.ts";
import { serviceWorkerScript } from "./service-worker-script.ts";

function sendScript(
  res: Response,
  ifNoneMatch: string | undefined,
  built: { script: Buffer; etag: string },
) {
  // Always revalidated: browsers must see a new worker (or page script) as soon as one is out.
  res.set("Cache-Control", "no-cache");
  res.set("ETag", built.etag);
  if (ifNoneMatch === built.etag) {
    res.status(304).end();
    return;
  }
  res.type("text/javascript").send(built.script);
}

/** The service worker and the bundled page scripts. Signed out too: no session is read. */
export function pwaRouter(): Router {
  const router = Router();

  router.get("/sw.js", (req, res) => {
    // At the root already, but said outright: the worker controls every page of the site.
    res.set("Service-Worker-Allowed", "/");
    sendScript(res, req.get("if-none-match"), serviceWorkerScript());
  });

  router.get("/pwa/:name", (req, res, next) => {
    const name = String(req.params.name);
    if (!isPageScript(name)) return next();
    sendScript(res, req.get("if-none-match"), pageScript(name));
  });

  return router;
}
