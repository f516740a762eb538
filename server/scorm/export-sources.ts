import { type ModuleContent, storedContent } from "../content/module-schema.ts";
import { ModuleVersion } from "../content/module-version-model.ts";

// Where an export's content comes from: only published, immutable versions, so a package always
// matches a version learners in Rapport can also be given.

export interface PublishedModule {
  slug: string;
  version: number;
  content: ModuleContent;
}

/** The given version, or the latest one when `version` is omitted; null when there is none. */
export async function findPublishedVersion(
  slug: string,
  version?: number,
): Promise<PublishedModule | null> {
  const filter = version === undefined ? { slug } : { slug, version };
  const doc = await ModuleVersion.findOne(filter).sort({ version: -1 }).lean();
  if (!doc) return null;
  // Re-parsed rather than cast: the stored document is Mixed, and parsing gives defaults and one
  // clear error if an old snapshot no longer fits what the renderer expects. Markdown limits
  // added since it was published are not re-applied: such text exports as a notice instead.
  return { slug: doc.slug, version: doc.version, content: storedContent.parse(doc.content) };
}

export async function publishedSlugs(): Promise<string[]> {
  const slugs: string[] = await ModuleVersion.distinct("slug");
  return slugs.sort();
}
