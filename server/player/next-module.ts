import type { CatalogEntry } from "./catalog.ts";

/**
 * The module to suggest after this one: one the learner has started but not finished comes
 * first (finishing beats starting), then one not started yet, each in catalog order. Modules
 * already done (passed, or completed where nothing is graded) are never suggested.
 */
export function nextModuleAfter(slug: string, catalog: CatalogEntry[]): CatalogEntry | null {
  const open = catalog.filter((m) => m.slug !== slug && !m.standing?.done);
  return open.find((m) => m.standing !== null) ?? open[0] ?? null;
}
