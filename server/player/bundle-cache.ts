import { createHash } from "node:crypto";
import mongoose from "mongoose";
import { moduleContent } from "../content/module-schema.ts";
import { ModuleVersion } from "../content/module-version-model.ts";
import { renderBundle } from "../scorm/render-bundle.ts";

interface RenderedBundle {
  files: Map<string, { data: Buffer; etag: string }>;
}

const MAX_CACHED = 100;
const cache = new Map<string, RenderedBundle>();

/**
 * The SCO bundle of one published version, rendered once: versions are immutable, so the bytes
 * never change and can be cached here and by browsers.
 */
export async function bundleForVersion(versionId: string): Promise<RenderedBundle | null> {
  const hit = cache.get(versionId);
  if (hit) {
    cache.delete(versionId);
    cache.set(versionId, hit);
    return hit;
  }
  if (!mongoose.isValidObjectId(versionId)) return null;
  const version = await ModuleVersion.findById(versionId).select("content version").lean();
  if (!version) return null;
  const content = moduleContent.parse(version.content);
  const files = new Map<string, { data: Buffer; etag: string }>();
  for (const f of renderBundle(content, { version: version.version, target: "any" })) {
    files.set(f.path, {
      data: f.data,
      etag: `"${createHash("sha1").update(f.data).digest("base64url")}"`,
    });
  }
  const bundle = { files };
  cache.set(versionId, bundle);
  if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value as string);
  return bundle;
}
