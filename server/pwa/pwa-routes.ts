import { Router } from "express";
import { scriptRoute, sendScript } from "../http/served-script.ts";
import { PAGE_SCRIPTS } from "./page-scripts.ts";
import { serviceWorkerScript } from "./service-worker-script.ts";

/** The service worker and the bundled page scripts. Signed out too: no session is read. */
export function pwaRouter(): Router {
  const router = Router();

  router.get("/sw.js", (req, res) => {
    // At the root already, but said outright: the worker controls every page of the site.
    res.set("Service-Worker-Allowed", "/");
    sendScript(res, req.get("if-none-match"), serviceWorkerScript());
  });

  router.get("/pwa/:name", scriptRoute(PAGE_SCRIPTS));

  return router;
}
