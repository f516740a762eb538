import { Module } from "../content/module-model.ts";

export const SLUG_MAX = 60;
export const SLUG_TAKEN = "This slug is already used by another module";
export const SLUG_RESERVED = "This slug is reserved for Rapport's own pages; choose another";

// These would collide with the admin pages and API routes that sit beside /admin/modules/:slug.
export const RESERVED_SLUGS = new Set(["import", "import-zip", "import-article", "new"]);

/** Lowercase words joined by single hyphens, cut at a word boundary; "" when nothing is left. */
export function slugify(text: string, max = SLUG_MAX): string {
  const words = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .split(" ")
    .filter(Boolean);
  let slug = "";
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > max) break;
    slug = next;
  }
  return slug || (words[0] ?? "").slice(0, max);
}

/** Slugs Rapport suggests are short enough to read in an address and type again. */
export const SUGGESTED_SLUG_MAX = 40;
const SLUG_FILLER = new Set(
  "a an the of and or to for with your you in on at how why what is are be by from into about our my".split(
    " ",
  ),
);

/** A title's meaningful words as a slug of at most 40 characters ("the" and "of" left out). */
export function suggestSlug(title: string, max = SUGGESTED_SLUG_MAX): string {
  const words = slugify(title, Number.POSITIVE_INFINITY).split("-").filter(Boolean);
  const meaningful = words.filter((w) => !SLUG_FILLER.has(w));
  return slugify((meaningful.length > 0 ? meaningful : words).join(" "), max);
}

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
