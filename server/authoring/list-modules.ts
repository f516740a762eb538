import { Module } from "../content/module-model.ts";

export interface ModuleSummary {
  id: string;
  slug: string;
  title: string;
  status: string;
  publishedVersion: number;
  archived: boolean;
  updatedAt: Date | undefined;
}

/** "draft", "published vN" or "published vN, draft changed since" — what an author needs to see. */
export function describeStatus(m: {
  publishedVersion: number;
  revision: number;
  publishedRevision?: number | null;
}): string {
  if (m.publishedVersion === 0) return "draft";
  if ((m.publishedRevision ?? 0) < m.revision)
    return `published v${m.publishedVersion}, draft changed since`;
  return `published v${m.publishedVersion}`;
}

export async function listModulesForAuthors(
  opts: { search?: string; includeArchived?: boolean } = {},
): Promise<ModuleSummary[]> {
  const filter: Record<string, unknown> = opts.includeArchived ? {} : { archived: false };
  const search = opts.search?.trim();
  if (search) {
    const pattern = new RegExp(search.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "i");
    filter.$or = [{ title: pattern }, { slug: pattern }];
  }
  const rows = await Module.find(filter).sort({ title: 1 }).lean();
  return rows.map((m) => ({
    id: String(m._id),
    slug: m.slug,
    title: m.title,
    status: describeStatus(m),
    publishedVersion: m.publishedVersion,
    archived: m.archived ?? false,
    updatedAt: (m as { updatedAt?: Date }).updatedAt,
  }));
}
