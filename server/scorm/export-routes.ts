import { pipeline } from "node:stream/promises";
import { Router } from "express";
import { requireRole } from "../auth/guards.ts";
import { runAuthoringTask } from "../authoring/run-authoring-task.ts";
import { HttpError, notFound } from "../http/http-errors.ts";
import { packageFileName, zipPackage } from "./export-package.ts";
import { findPublishedVersion } from "./export-sources.ts";
import { isPackageFormat, PACKAGE_FORMATS } from "./manifest-xml.ts";

/** Rendering the largest module takes about a second; this only stops a runaway. */
const EXPORT_TIME_LIMIT_MS = 20_000;

/** Downloads of published versions as SCORM zips, for authors to upload to an LMS. */
export function exportRouter(): Router {
  const router = Router();

  router.get("/admin/modules/:slug/export/:format", requireRole("author"), async (req, res) => {
    const { slug, format } = req.params;
    if (!isPackageFormat(format)) {
      throw new HttpError(400, `Unknown package format; use one of ${PACKAGE_FORMATS.join(", ")}`);
    }
    const version = parseVersion(req.query.version);
    const found = typeof slug === "string" ? await findPublishedVersion(slug, version) : null;
    if (!found) throw notFound(version === undefined ? "Published module" : "Module version");

    // Rendering every lesson of a big module takes a while: it happens off the event loop.
    const entries = await runAuthoringTask(
      "packageEntries",
      { content: found.content, version: found.version, format },
      {
        timeoutMs: EXPORT_TIME_LIMIT_MS,
        stopped: () => new HttpError(503, "Building this package took too long. Try again."),
      },
    );
    const zip = zipPackage(entries);
    res.status(200);
    res.setHeader("Content-Type", "application/zip");
    // Slugs are [a-z0-9-], so the file name needs no quoting beyond the plain quotes.
    res.setHeader(
      "Content-Disposition",
      `attachment; filename="${packageFileName(found.slug, found.version, format)}"`,
    );
    // Packages may hold unreleased course text: keep them out of shared caches.
    res.setHeader("Cache-Control", "private, no-store");
    // A failure mid-stream cannot become an error page any more; pipeline destroys the response,
    // so the client sees a broken download instead of a truncated zip that looks complete.
    await pipeline(zip, res).catch((err: unknown) => {
      req.log?.error({ err, slug, format }, "SCORM export stream failed");
    });
  });

  return router;
}

function parseVersion(raw: unknown): number | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== "string" || !/^[1-9][0-9]{0,8}$/.test(raw)) {
    throw new HttpError(400, "version must be a positive whole number");
  }
  return Number(raw);
}
