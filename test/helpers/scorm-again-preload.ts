import type Scorm2004APIType from "scorm-again/scorm2004";
import * as scorm2004 from "scorm-again/scorm2004";
import { initialCmi } from "../../server/runtime/present-attempt.ts";

// The build's types declare a default export; the ES module itself exports the class by name.
const { Scorm2004API } = scorm2004 as unknown as { Scorm2004API: typeof Scorm2004APIType };

// The player (public/host/src/player-host.ts) preloads scorm-again with the stored attempt before the
// SCO starts. scorm-again runs in Node too, so tests replay that preload with the very build the
// player serves, instead of trusting Rapport's own idea of what it accepts.

type Loose = Record<string, unknown>;

interface LoadedInteraction {
  id: string;
  type: string;
  learner_response: string;
  result: string;
  latency: string;
  description: string;
  timestamp: string;
  correct_responses: { childArray: { pattern: string }[] };
}

/** The CMI data the player would be preloaded with for a stored attempt document. */
export function preloadedCmi(stored: Loose): Loose {
  const userId = String(stored.userId ?? "learner");
  const attempt = stored as unknown as Parameters<typeof initialCmi>[0];
  return initialCmi(attempt, { id: userId, name: "Learner" }, 80);
}

/**
 * Why scorm-again would not resume from this CMI data, or null when it takes every value as
 * given: a thrown refusal, an error code left behind, or a value silently left out.
 */
export function preloadRefusal(cmi: Loose): string | null {
  const api = new Scorm2004API({ autocommit: false, lmsCommitUrl: false, logLevel: 5 });
  try {
    api.loadFromJSON(cmi, "cmi");
  } catch (err) {
    return (err as Error).message;
  }
  if (String(api.GetLastError()) !== "0") return `preload left error ${api.GetLastError()}`;

  const model = api.cmi as unknown as Loose & {
    score: Loose;
    interactions: { childArray: LoadedInteraction[] };
  };
  for (const key of ["location", "suspend_data", "completion_status", "success_status"]) {
    if (cmi[key] && model[key] !== cmi[key]) return `${key} was not kept`;
  }
  const score = cmi.score as Loose | undefined;
  for (const key of ["scaled", "raw"]) {
    if (score?.[key] && model.score[key] !== score[key]) return `score.${key} was not kept`;
  }
  if (!/^PT\d+S$/.test(String(cmi.total_time)))
    return `total_time ${cmi.total_time} is not a whole number of seconds`;

  const given = Object.values((cmi.interactions ?? {}) as Record<string, Loose>);
  const loaded = model.interactions.childArray;
  if (loaded.length !== given.length)
    return `${loaded.length} of ${given.length} interactions were kept`;
  for (const [n, want] of given.entries()) {
    const got = loaded[n] as unknown as Loose & LoadedInteraction;
    for (const key of [
      "id",
      "type",
      "learner_response",
      "result",
      "latency",
      "description",
      "timestamp",
    ]) {
      if ((want[key] ?? "") !== got[key]) return `interactions.${n}.${key} was not kept`;
    }
    const patterns = Object.values((want.correct_responses ?? {}) as Record<string, Loose>);
    const kept = got.correct_responses.childArray.map((r) => r.pattern);
    if (JSON.stringify(kept) !== JSON.stringify(patterns.map((p) => p.pattern)))
      return `interactions.${n}.correct_responses were not kept`;
  }
  // The SCO starts right after the preload; it must start cleanly too.
  if (String(api.Initialize("")) !== "true") return `Initialize failed: ${api.GetLastError()}`;
  return null;
}
