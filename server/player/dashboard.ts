import { type CatalogEntry, catalogFor } from "./catalog.ts";

type Started = CatalogEntry & { standing: NonNullable<CatalogEntry["standing"]> };

/**
 * The learner's modules the way they think of them: still going, and done. A module passed
 * earlier stays under done while it is retaken (its card shows the retake's progress too).
 */
export async function dashboardFor(userId: string) {
  const entries = await catalogFor(userId);
  const started = entries.filter((e): e is Started => e.standing !== null);
  return {
    inProgress: started.filter((e) => !e.standing.done),
    completed: started.filter((e) => e.standing.done),
    notStarted: entries.filter((e) => e.standing === null),
  };
}
