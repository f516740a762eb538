import { Module } from "../content/module-model.ts";
import { SLUG_MAX } from "./suggest-slug.ts";

// Pure text rules, shared with the module list's script in the browser.
export { SLUG_MAX, SUGGESTED_SLUG_MAX, slugify, suggestSlug } from "./suggest-slug.ts";

export const SLUG_TAKEN = "This slug is already used by another module";
export const SLUG_RESERVED = "This slug is reserved for Rapport's own pages; choose another";

// These would collide with the admin pages and API routes that sit beside /admin/modules/:slug.
export const RESERVED_SLUGS = new Set(["import", "import-zip", "import-article", "new"]);

/** Cuts a slug to `max` without leaving a trailing hyphen. */
export function truncateSlug(slug: string, max: number): string {
  return slug.slice(0, max).replace(/-+$/, "");
}

export async function slugIsTaken(slug: string): Promise<boolean> {
  return (await Module.exists({ slug })) !== null;
}

/** `base`, else `base-2`, `base-3` … (or `base-copy`, `base-copy-2` … with a suffix). */
export function* slugCandidates(base: string, suffix = ""): Generator<string> {
  for (let n = 1; ; n++) {
    const tail = `${suffix}${n === 1 ? "" : `-${n}`}`;
    const stem = truncateSlug(base, SLUG_MAX - tail.length);
    if (!stem) return;
    yield `${stem}${tail}`;
  }
}

/** The first free candidate, so an import or a copy never fails on a name clash. */
export async function firstFreeSlug(base: string, suffix = ""): Promise<string> {
  for (const slug of slugCandidates(base, suffix)) {
    if (RESERVED_SLUGS.has(slug)) continue;
    if (!(await slugIsTaken(slug))) return slug;
  }
  throw new Error(`no free slug for ${base}`);
}

export { isDuplicateKey } from "../db/duplicate-key.ts";
