import { type CatalogEntry, catalogFor } from "./catalog.ts";

type Started = CatalogEntry & { standing: NonNullable<CatalogEntry["standing"]> };

/**
 * The learner's modules the way they think of them: where to carry on, what is still going, and
 * what is done. A module passed earlier stays under done while it is retaken (its card shows the
 * retake's progress too), and the retake can still be where the learner carries on.
 */
export async function dashboardFor(userId: string) {
  const entries = await catalogFor(userId);
  const started = entries.filter((e): e is Started => e.standing !== null);
  const unfinished = started
    .filter((e) => !e.standing.current.finished)
    .sort((a, b) => b.standing.lastActivityAt.getTime() - a.standing.lastActivityAt.getTime());
  const continueWith = unfinished[0] ?? null;
  return {
    continueWith,
    // The module to continue is shown once, up top; a retake also stays under done.
    inProgress: started.filter((e) => !e.standing.done && e !== continueWith),
    completed: started.filter((e) => e.standing.done),
    notStarted: entries.filter((e) => e.standing === null),
  };
}
