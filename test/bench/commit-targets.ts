// The attempts the open-loop test commits to, each with the token its player page would carry.
import { issueCommitToken } from "../../server/runtime/commit-token.ts";
import type { CommitTarget } from "./open-loop-commits.ts";
import { buildCommitBody } from "./realistic-commit.ts";
import {
  finished,
  randomSession,
  type ScaleSeeder,
  type SeededAttempt,
} from "./seed-scale-data.ts";

/**
 * One attempt per learner, in-progress ones first (those are what learners commit to). Each
 * commit re-sends the attempt's current state with a higher sequence number, as a player does when
 * the learner moves between pages. Tokens come from the function the player page uses, with the
 * app's secret, rather than from signing hundreds of learners in over HTTP.
 */
export function commitTargets(opts: {
  seeder: ScaleSeeder;
  count: number;
  exclude: Set<string>;
  secret: string;
}): CommitTarget[] {
  const byLearner = new Map<string, SeededAttempt>();
  for (const a of opts.seeder.attempts) {
    if (opts.exclude.has(a.userId)) continue;
    const current = byLearner.get(a.userId);
    if (!current || (finished(current) && !finished(a))) byLearner.set(a.userId, a);
  }
  const chosen = [...byLearner.values()]
    .sort((x, y) => Number(finished(x)) - Number(finished(y)))
    .slice(0, opts.count);
  return chosen.map((a) => {
    const body = JSON.stringify(
      buildCommitBody(opts.seeder.module(a.slug), a.plan, {
        stage: "final",
        seq: 1,
        session: randomSession(Math.random),
      }),
    );
    return {
      commitUrl: `/api/attempts/${a.attemptId}/commit`,
      token: issueCommitToken(opts.secret, a.attemptId, a.userId),
      // The seeder's record keeps the count, so seeding the next size commits above it.
      get seq() {
        return a.seq;
      },
      set seq(v: number) {
        a.seq = v;
      },
      body: (seq) => body.replace('{"seq":1,', `{"seq":${seq},`),
    };
  });
}
