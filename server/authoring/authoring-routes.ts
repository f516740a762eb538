import { Router } from "express";
import { requireRole } from "../auth/guards.ts";
import { listModulesForAuthors } from "./list-modules.ts";

export function authoringRouter(): Router {
  const router = Router();
  // Every authoring route, pages and API alike, sits behind this one guard.
  router.use(["/admin", "/api/admin"], requireRole("author"));

  router.get("/admin/modules", async (req, res) => {
    const search = typeof req.query.q === "string" ? req.query.q.slice(0, 100) : "";
    const modules = await listModulesForAuthors({ search });
    res.render("admin/modules", { title: "Modules", modules, search });
  });
  return router;
}
