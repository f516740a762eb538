import { Module } from "../content/module-model.ts";
import type { ModuleContent } from "../content/module-schema.ts";
import { notFound } from "../http/http-errors.ts";
import { type ModuleDetail, presentModuleDetail } from "./present-module.ts";
import { displayNameOf } from "./user-names.ts";

/** A module's state and its full draft, as the editor loads them. */
export async function loadModuleForEditing(input: {
  slug: string;
}): Promise<{ module: ModuleDetail; draft: ModuleContent }> {
  const mod = await Module.findOne({ slug: input.slug }).lean();
  if (!mod) throw notFound("Module");
  const updatedBy = await displayNameOf(mod.updatedBy);
  return {
    module: presentModuleDetail(mod as typeof mod & { updatedAt?: Date }, updatedBy),
    draft: mod.draft as ModuleContent,
  };
}
