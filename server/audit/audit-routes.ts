import { Router } from "express";
import { requireRole, signedInUser } from "../auth/guards.ts";
import { assertCan } from "../authoring/policies.ts";
import { listAuditEvents } from "./list-audit-events.ts";

/** GET /api/admin/audit?limit= — the audit log, newest first (authors and admins). */
export function auditRouter(): Router {
  const router = Router();
  router.get("/api/admin/audit", requireRole("author"), async (req, res) => {
    assertCan(signedInUser(req), "view-audit");
    const raw = Number(req.query.limit);
    const events = await listAuditEvents({ limit: Number.isFinite(raw) ? raw : undefined });
    res.json({ events });
  });
  return router;
}
