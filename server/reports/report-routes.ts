import { Router } from "express";
import { requireRole } from "../auth/guards.ts";
import { moduleForCsv, writeAttemptsCsv } from "./attempts-csv.ts";
import { moduleReport } from "./module-report.ts";

export function reportRouter(): Router {
  const router = Router();
  router.get("/admin/modules/:slug/report", requireRole("author"), async (req, res) => {
    const report = await moduleReport(String(req.params.slug));
    res.render("admin/report", { title: `Report: ${report.title}`, report });
  });
  router.get("/admin/modules/:slug/report.csv", requireRole("author"), async (req, res) => {
    const slug = String(req.params.slug);
    const moduleId = await moduleForCsv(slug);
    res.type("text/csv").attachment(`${slug}-attempts.csv`);
    // Sent as is: a download streamed page by page with backpressure, which the compression
    // middleware's stream would otherwise sit between (and keep every drain listener of).
    res.set("Cache-Control", "private, no-transform");
    await writeAttemptsCsv(moduleId, res);
    res.end();
  });
  return router;
}
