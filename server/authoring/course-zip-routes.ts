import { pipeline } from "node:stream/promises";
import express, { type RequestHandler, Router } from "express";
import { HttpError } from "../http/http-errors.ts";
import { exportCourseZip } from "./course-zip-export.ts";
import { importCourseZip, ZIP_MAX_BYTES } from "./course-zip-import.ts";
import { assertCan } from "./policies.ts";
import { actorOf, slugParam } from "./route-helpers.ts";

/**
 * Modules as zips of their courses/ folder: download a draft, upload a folder as a new draft.
 * Mounted before the SCORM export router, whose /export/:format would otherwise take
 * /export/courses.zip.
 */
export function courseZipRouter(): Router {
  const router = Router();

  router.get("/admin/modules/:slug/export/courses.zip", async (req, res) => {
    assertCan(actorOf(req), "export");
    const zip = await exportCourseZip({ slug: slugParam(req) });
    res.setHeader("Content-Type", "application/zip");
    res.setHeader("Content-Disposition", `attachment; filename="${zip.fileName}"`);
    // Drafts are unreleased text: keep them out of shared caches.
    res.setHeader("Cache-Control", "private, no-store");
    await pipeline(zip.stream, res).catch((err: unknown) => {
      req.log?.error({ err }, "course zip export stream failed");
    });
  });

  router.post("/api/admin/modules/import-zip", rawZipBody(), async (req, res) => {
    const actor = actorOf(req);
    assertCan(actor, "import");
    const zip = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    res.status(201).json(await importCourseZip({ zip, actor }));
  });

  return router;
}

/** The upload as one Buffer, at most 5 MB, with a size message that names this limit. */
function rawZipBody(): RequestHandler {
  const parse = express.raw({
    type: ["application/zip", "application/x-zip-compressed", "application/octet-stream"],
    limit: ZIP_MAX_BYTES,
  });
  return (req, res, next) => {
    parse(req, res, (err?: unknown) => {
      if ((err as { status?: number } | undefined)?.status === 413) {
        return next(new HttpError(413, "This zip is larger than 5 MB, the most Rapport accepts."));
      }
      if (err) return next(err);
      if (!Buffer.isBuffer(req.body)) {
        return next(new HttpError(415, "Send the zip itself with Content-Type: application/zip."));
      }
      next();
    });
  };
}
