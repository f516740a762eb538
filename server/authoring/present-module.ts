import { describeStatus } from "./list-modules.ts";

export interface ModuleDetail {
  id: string;
  slug: string;
  title: string;
  revision: number;
  publishedVersion: number;
  status: string;
  archived: boolean;
  updatedAt: Date | undefined;
  /** The display name of whoever saved last, or null (e.g. loaded from courses/). */
  updatedBy: string | null;
}

/** What the editor needs about a module besides its draft; ids of people never leave. */
export function presentModuleDetail(
  m: {
    _id: unknown;
    slug: string;
    title: string;
    revision: number;
    publishedVersion: number;
    publishedRevision?: number | null;
    archived?: boolean | null;
    updatedAt?: Date;
  },
  updatedByName: string | null,
): ModuleDetail {
  return {
    id: String(m._id),
    slug: m.slug,
    title: m.title,
    revision: m.revision,
    publishedVersion: m.publishedVersion,
    status: describeStatus(m),
    archived: m.archived ?? false,
    updatedAt: m.updatedAt,
    updatedBy: updatedByName,
  };
}
