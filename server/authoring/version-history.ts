import { Module } from "../content/module-model.ts";
import { ModuleVersion } from "../content/module-version-model.ts";
import { notFound } from "../http/http-errors.ts";
import { displayNames } from "./user-names.ts";

export interface VersionSummary {
  version: number;
  note: string;
  publishedAt: Date;
  /** The publisher's name; "Rapport" for versions loaded from courses/ at start-up. */
  publishedBy: string;
}

/** Every published version of a module, newest first. */
export async function versionHistory(input: { slug: string }): Promise<VersionSummary[]> {
  const mod = await Module.findOne({ slug: input.slug }).select("_id").lean();
  if (!mod) throw notFound("Module");
  const versions = await ModuleVersion.find({ moduleId: mod._id })
    .sort({ version: -1 })
    .select("version note publishedAt publishedBy")
    .lean();
  const names = await displayNames(versions.map((v) => v.publishedBy));
  return versions.map((v) => ({
    version: v.version,
    note: v.note ?? "",
    publishedAt: v.publishedAt,
    publishedBy: v.publishedBy
      ? (names.get(String(v.publishedBy)) ?? "a removed account")
      : "Rapport",
  }));
}
