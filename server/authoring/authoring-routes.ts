import { Router } from "express";
import { requireRole } from "../auth/guards.ts";
import { authoringErrorResponder } from "./authoring-errors.ts";
import { courseZipRouter } from "./course-zip-routes.ts";
import { listModulesForAuthors } from "./list-modules.ts";
import { moduleApiRouter } from "./module-api-routes.ts";
import { moduleFormRouter } from "./module-form-routes.ts";

export function authoringRouter(): Router {
  const router = Router();
  // Every authoring route, pages and API alike, sits behind this one guard.
  router.use(["/admin", "/api/admin"], requireRole("author"));

  router.get("/admin/modules", async (req, res) => {
    const search = typeof req.query.q === "string" ? req.query.q.slice(0, 100) : "";
    // ?archived=1 lists archived modules too, so they can be restored.
    const includeArchived = req.query.archived === "1";
    const modules = await listModulesForAuthors({ search, includeArchived });
    res.render("admin/modules", { title: "Modules", modules, search, errors: {}, values: {} });
  });
  router.use(moduleFormRouter());
  router.use(moduleApiRouter());
  router.use(courseZipRouter());
  router.use(authoringErrorResponder());
  return router;
}
