import { Router } from "express";
import { requireRole } from "../auth/guards.ts";
import { moduleForCsv, writeAttemptsCsv } from "./attempts-csv.ts";
import { FLAG_TEXT, MIN_LEARNERS, TOO_EASY, TOO_HARD } from "./item-analysis.ts";
import { moduleReport } from "./module-report.ts";
import { moduleFiguresCsv, questionsCsv } from "./report-csv.ts";

export function reportRouter(): Router {
  const router = Router();
  router.get("/admin/modules/:slug/report", requireRole("author"), async (req, res) => {
    const report = await moduleReport(String(req.params.slug));
    res.render("admin/report", {
      title: `Report: ${report.title}`,
      report: {
        ...report,
        minLearners: MIN_LEARNERS,
        tooEasy: TOO_EASY,
        tooHard: TOO_HARD,
        flagText: FLAG_TEXT,
      },
    });
  });
  // The figures behind the page's charts: small, built from the same rollups the page reads.
  router.get(
    "/admin/modules/:slug/report/questions.csv",
    requireRole("author"),
    async (req, res) => {
      const report = await moduleReport(String(req.params.slug));
      res.type("text/csv").attachment(`${report.slug}-questions.csv`).send(questionsCsv(report));
    },
  );
  router.get("/admin/modules/:slug/report/module.csv", requireRole("author"), async (req, res) => {
    const report = await moduleReport(String(req.params.slug));
    res.type("text/csv").attachment(`${report.slug}-module.csv`).send(moduleFiguresCsv(report));
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
