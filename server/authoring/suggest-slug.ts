// How a title becomes a slug. Plain text rules with no imports, so the module list's script
// (public/authoring/src/module-list.ts) suggests the same slug the server would.

export const SLUG_MAX = 60;

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
