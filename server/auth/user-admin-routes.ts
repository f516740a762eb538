import { Router } from "express";
import { actorOf, bodyOf, readFlag } from "../authoring/route-helpers.ts";
import { changeUserRole, listUsers, setUserDisabled } from "./admin-users.ts";
import { requireRole } from "./guards.ts";

/**
 * User administration (admins only): the JSON API under /api/admin/users, plus form posts under
 * /admin/users that do the same and redirect back to the users page (pages work without JS).
 */
export function userAdminRouter(): Router {
  const router = Router();
  router.use(["/admin/users", "/api/admin/users"], requireRole("admin"));

  router.get("/api/admin/users", async (req, res) => {
    const search = typeof req.query.q === "string" ? req.query.q : undefined;
    const after = typeof req.query.after === "string" ? req.query.after : undefined;
    res.json(await listUsers({ actor: actorOf(req), search, after }));
  });

  router.post("/api/admin/users/:id/role", async (req, res) => {
    const user = await changeUserRole({
      actor: actorOf(req),
      userId: String(req.params.id),
      role: bodyOf(req).role,
    });
    res.json({ user });
  });

  router.post("/api/admin/users/:id/disabled", async (req, res) => {
    const user = await setUserDisabled({
      actor: actorOf(req),
      userId: String(req.params.id),
      disabled: readFlag(bodyOf(req).disabled, "disabled"),
    });
    res.json({ user });
  });

  router.post("/admin/users/:id/role", async (req, res) => {
    await changeUserRole({
      actor: actorOf(req),
      userId: String(req.params.id),
      role: bodyOf(req).role,
    });
    res.redirect(303, "/admin/users");
  });

  router.post("/admin/users/:id/disabled", async (req, res) => {
    await setUserDisabled({
      actor: actorOf(req),
      userId: String(req.params.id),
      disabled: readFlag(bodyOf(req).disabled, "disabled"),
    });
    res.redirect(303, "/admin/users");
  });

  return router;
}
