import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { commitUpdate } from "../../server/runtime/apply-commit.ts";
import { type CommitInput, commitSchema } from "../../server/runtime/cmi-commit-schema.ts";
import { hostileCmi, legitCmi, oneSpoiledCmi } from "../helpers/commit-arbitraries.ts";
import { preloadedCmi, preloadRefusal } from "../helpers/scorm-again-preload.ts";

// Rapport's commit rules mirror scorm-again's (its checks are not exported), so these properties
// hold the two together: whatever the schema accepts, a real scorm-again takes on preload; and
// what a well-behaved player sends, the schema accepts. Seeded, so a failure replays exactly.
const SEED = 13_2;

type Doc = Record<string, unknown>;

/** The attempt document after these commits, by the very update applyCommit sends. */
function storedAfter(commits: CommitInput[]): Doc {
  const doc: Doc = {
    _id: "attempt",
    userId: "learner",
    seq: 0,
    completionRank: 0,
    successRank: 0,
    scoreScaled: null,
    scoreRaw: null,
    progressMeasure: 0,
    location: "",
    suspendData: "",
    interactions: [],
    sessionSeconds: {},
    funnel: {},
  };
  for (const commit of commits) {
    const update = commitUpdate(commit, new Date()) as {
      $set: Doc;
      $max: Record<string, number>;
    };
    Object.assign(doc, update.$set);
    for (const [path, value] of Object.entries(update.$max)) {
      const [field = "", key] = path.split(".");
      const holder = key === undefined ? doc : (doc[field] as Doc);
      const name = key ?? field;
      const current = holder[name];
      if (typeof current !== "number" || value > current) holder[name] = value;
    }
  }
  return doc;
}

const accepted = (cmis: { cmi: unknown; session?: string }[]) =>
  cmis.flatMap(({ cmi, session }, i) => {
    const parsed = commitSchema.safeParse({ seq: i + 1, session, cmi });
    return parsed.success ? [parsed.data] : [];
  });

describe("commit values against scorm-again's preload", () => {
  test("whatever the commit schema accepts, scorm-again resumes from", () => {
    let storedSome = 0;
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ cmi: hostileCmi, session: fc.constantFrom("fuzz-session-1", "fuzz-2-abc") }),
          { minLength: 1, maxLength: 3 },
        ),
        (commits) => {
          const ok = accepted(commits);
          if (ok.length) storedSome++;
          const cmi = preloadedCmi(storedAfter(ok));
          const refusal = preloadRefusal(cmi);
          assert.equal(refusal, null, `scorm-again refused: ${JSON.stringify(cmi)}`);
        },
      ),
      { seed: SEED, numRuns: 1500 },
    );
    // The property says nothing if every generated commit were refused.
    assert.ok(storedSome > 300, `only ${storedSome} of 1500 runs stored anything`);
  });

  test("a commit with one value one rule away from good is refused or resumes", () => {
    let stored = 0;
    fc.assert(
      fc.property(oneSpoiledCmi, (cmi) => {
        const ok = accepted([{ cmi, session: "spoiled-session" }]);
        if (ok.length) stored++;
        const preload = preloadedCmi(storedAfter(ok));
        assert.equal(preloadRefusal(preload), null, `scorm-again refused: ${JSON.stringify(cmi)}`);
      }),
      { seed: SEED, numRuns: 3000 },
    );
    assert.ok(stored > 600 && stored < 2700, `${stored} of 3000 stored: too few to prove much`);
  });

  test("what a well-behaved player sends is accepted and resumes", () => {
    fc.assert(
      fc.property(legitCmi, (cmi) => {
        const parsed = commitSchema.safeParse({ seq: 1, session: "legit-session", cmi });
        assert.ok(
          parsed.success,
          `refused ${JSON.stringify(cmi)}: ${JSON.stringify(parsed.error?.issues)}`,
        );
        const preload = preloadedCmi(storedAfter([parsed.data]));
        assert.equal(preloadRefusal(preload), null, JSON.stringify(preload));
      }),
      { seed: SEED, numRuns: 800 },
    );
  });
});
