import { createHash } from "node:crypto";
import mongoose from "mongoose";
import { runAuthoringTask } from "../authoring/run-authoring-task.ts";
import { storedContent } from "../content/module-schema.ts";
import { ModuleVersion } from "../content/module-version-model.ts";
import { HttpError } from "../http/http-errors.ts";

interface RenderedBundle {
  files: Map<string, { data: Buffer; etag: string }>;
}

const MAX_CACHED = 100;
const RENDER_TIME_LIMIT_MS = 20_000;
const cache = new Map<string, Promise<RenderedBundle | null>>();

/**
 * The SCO bundle of one published version, rendered once: versions are immutable, so the bytes
 * never change and can be cached here and by browsers. Rendering runs on a worker thread, so a
 * big module's first learner never holds up anyone else's request, and requests that arrive
 * while it renders share the one render. Versions stored before a content limit existed are read
 * leniently: text past a limit renders as a short notice instead of failing.
 */
export function bundleForVersion(versionId: string): Promise<RenderedBundle | null> {
  const hit = cache.get(versionId);
  if (hit) {
    cache.delete(versionId);
    cache.set(versionId, hit);
    return hit;
  }
  if (!mongoose.isValidObjectId(versionId)) return Promise.resolve(null);
  const rendering = render(versionId);
  // A failed render is not kept: the next request tries again.
  rendering.catch(() => cache.delete(versionId));
  cache.set(versionId, rendering);
  if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value as string);
  return rendering;
}

async function render(versionId: string): Promise<RenderedBundle | null> {
  const version = await ModuleVersion.findById(versionId).select("content version").lean();
  if (!version) return null;
  const content = storedContent.parse(version.content);
  const rendered = await runAuthoringTask(
    "renderBundle",
    { content, version: version.version, target: "any" },
    {
      timeoutMs: RENDER_TIME_LIMIT_MS,
      stopped: () => new HttpError(503, "This module is taking too long to prepare. Try again."),
    },
  );
  const files = new Map<string, { data: Buffer; etag: string }>();
  for (const f of rendered) {
    const data = Buffer.from(f.data);
    files.set(f.path, { data, etag: `"${createHash("sha1").update(data).digest("base64url")}"` });
  }
  return { files };
}
