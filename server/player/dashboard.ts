import { type CatalogEntry, catalogFor } from "./catalog.ts";

/** The learner's modules split the way they think of them: still going, and done. */
export async function dashboardFor(userId: string) {
  const entries = await catalogFor(userId);
  const started = entries.filter(
    (e): e is CatalogEntry & { attempt: NonNullable<CatalogEntry["attempt"]> } =>
      e.attempt !== null,
  );
  const done = (e: (typeof started)[number]) =>
    e.attempt.status === "passed" || e.attempt.status === "completed";
  return {
    inProgress: started.filter((e) => !done(e)),
    completed: started.filter(done),
    notStarted: entries.filter((e) => e.attempt === null),
  };
}
