import { Router } from "express";
import { requireRole } from "../auth/guards.ts";
import { notFound } from "../http/http-errors.ts";
import { listOutbox, OUTBOX_PAGE, readOutboxMail } from "./outbox.ts";

/** Admins read what Rapport would have mailed when no SMTP server is set (DATA_DIR/outbox). */
export function outboxRouter(deps: { outboxDir: string | null }): Router {
  const router = Router();
  router.get("/admin/outbox", requireRole("admin"), async (_req, res) => {
    const mails = deps.outboxDir ? await listOutbox(deps.outboxDir) : [];
    res.render("admin/outbox", {
      title: "Outbox",
      mails,
      limit: OUTBOX_PAGE,
      smtp: deps.outboxDir === null,
    });
  });
  router.get("/admin/outbox/:id", requireRole("admin"), async (req, res) => {
    const mail = deps.outboxDir
      ? await readOutboxMail(deps.outboxDir, String(req.params.id))
      : null;
    if (!mail) throw notFound("Mail");
    res.render("admin/outbox-mail", { title: mail.subject, mail });
  });
  return router;
}
