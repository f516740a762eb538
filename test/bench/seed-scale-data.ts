// Grows the database to a target number of attempts through the app's own functions, so every
// document (and whatever the app derives from attempts and commits) looks as if learners had made
// it: startAttempt opens or retakes an attempt, applyCommit stores the player's commits after the
// real schema has checked them. Runs in the benchmark's own process while the app is stopped.
import { hashPassword } from "../../server/auth/passwords.ts";
import { User } from "../../server/auth/user-model.ts";
import type { ModuleContent } from "../../server/content/module-schema.ts";
import { ModuleVersion } from "../../server/content/module-version-model.ts";
import { applyCommit } from "../../server/runtime/apply-commit.ts";
import { Attempt } from "../../server/runtime/attempt-model.ts";
import { startAttempt } from "../../server/runtime/start-attempt.ts";
import {
  type AttemptPlan,
  buildCommitBody,
  type ModuleShape,
  type Outcome,
  pickOutcome,
  seededRandom,
} from "./realistic-commit.ts";

/** The five starter modules in courses/. */
export const SLUGS = ["trust", "conflict", "communication", "managing-up", "relationship-web"];

export interface SeededAttempt {
  attemptId: string;
  userId: string;
  slug: string;
  number: number;
  /** The highest sequence number sent to it so far; the next commit must go above it. */
  seq: number;
  plan: AttemptPlan;
}

export const finished = (a: SeededAttempt) => a.plan.outcome !== "in-progress";

interface Learner {
  id: string;
  index: number;
  /** How many attempts this learner has made so far (their next step in their plan). */
  steps: number;
}

/** How many learners share `attempts`: one attempt each at 1k, then about ten each. */
export function learnersFor(attempts: number): number {
  if (attempts <= 1000) return attempts;
  return Math.min(10_000, Math.max(1000, Math.round(attempts / 10)));
}

const FIRST = ["Ana", "Ben", "Chidi", "Dana", "Emeka", "Fatima", "Goran", "Hana", "Ivo", "Jun"];
const LAST = ["Alves", "Brandt", "Costa", "Diallo", "Eriksen", "Fischer", "Gupta", "Haddad"];

export const randomSession = (random: () => number) =>
  `s${Math.floor(random() * 2 ** 52).toString(36)}${Math.floor(random() * 2 ** 52).toString(36)}`;

export class ScaleSeeder {
  readonly attempts: SeededAttempt[] = [];
  private readonly learners: Learner[] = [];
  private readonly latest = new Map<string, SeededAttempt>();
  private readonly random = seededRandom(20261122);
  private passwordHash: string | null = null;
  commits = 0;

  private constructor(readonly modules: Map<string, ModuleShape>) {}

  /** Reads each starter module's published content, as the player's bundle is built from it. */
  static async create(): Promise<ScaleSeeder> {
    const modules = new Map<string, ModuleShape>();
    for (const slug of SLUGS) {
      const version = await ModuleVersion.findOne({ slug }).sort({ version: -1 }).lean();
      if (!version) throw new Error(`module ${slug} is not published; load the library first`);
      modules.set(slug, version.content as ModuleContent);
    }
    return new ScaleSeeder(modules);
  }

  module(slug: string): ModuleShape {
    const mod = this.modules.get(slug);
    if (!mod) throw new Error(`unknown module ${slug}`);
    return mod;
  }

  /** The attempt a learner is in for a module, as far as seeding knows. */
  latestAttempt(userId: string, slug: string): SeededAttempt | undefined {
    return this.latest.get(`${userId}:${slug}`);
  }

  /**
   * Bulk learner accounts straight through the User model with one password hash, computed once
   * by the app's own hashing function: createUser would run argon2 (64 MiB, 3 passes) for each of
   * up to 10,000 accounts, which alone takes minutes. The accounts the benchmark signs in with
   * are made by createUser itself.
   */
  private async addLearners(count: number): Promise<void> {
    this.passwordHash ??= await hashPassword("scale bench bulk password");
    while (this.learners.length < count) {
      const from = this.learners.length;
      const batch = Array.from({ length: Math.min(1000, count - from) }, (_, k) => {
        const i = from + k;
        return {
          email: `learner-${String(i).padStart(5, "0")}@scale.example.com`,
          displayName: `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]} ${i}`,
          passwordHash: this.passwordHash,
          role: "learner" as const,
        };
      });
      const docs = await User.insertMany(batch);
      for (const d of docs)
        this.learners.push({ id: d._id.toString(), index: this.learners.length, steps: 0 });
    }
  }

  private async commit(attempt: SeededAttempt, stage: "mid" | "final", session: string) {
    const seq = attempt.seq + 1;
    const body = buildCommitBody(this.module(attempt.slug), attempt.plan, { stage, seq, session });
    const outcome = await applyCommit({
      attemptId: attempt.attemptId,
      userId: attempt.userId,
      body,
    });
    if (!outcome.applied) throw new Error(`seeding commit ${seq} to ${attempt.attemptId} refused`);
    attempt.seq = seq;
    this.commits++;
  }

  /**
   * One visit-by-visit attempt: start (or retake) the module, then the player's commits. A learner
   * retaking a module they left unfinished first comes back and finishes it, since the app only
   * starts a retake after a finished attempt.
   */
  async playAttempt(userId: string, slug: string, outcome?: Outcome): Promise<SeededAttempt> {
    const previous = this.latestAttempt(userId, slug);
    if (previous && !finished(previous)) {
      previous.plan = { ...previous.plan, outcome: this.random() < 0.8 ? "passed" : "failed" };
      await this.commit(previous, "final", randomSession(this.random));
    }
    const doc = await startAttempt({ userId, slug, retake: previous !== undefined });
    const expected = (previous?.number ?? 0) + 1;
    if (doc.number !== expected)
      throw new Error(`expected attempt ${expected} at ${slug}, the app gave ${doc.number}`);
    const attempt: SeededAttempt = {
      attemptId: doc._id.toString(),
      userId,
      slug,
      number: doc.number,
      seq: doc.seq,
      plan: {
        outcome: outcome ?? pickOutcome(this.random),
        seed: Math.floor(this.random() * 2 ** 31),
      },
    };
    this.attempts.push(attempt);
    this.latest.set(`${userId}:${slug}`, attempt);
    // Finished attempts took more than one visit; the earlier one leaves half the lessons read.
    if (finished(attempt)) await this.commit(attempt, "mid", randomSession(this.random));
    await this.commit(attempt, "final", randomSession(this.random));
    return attempt;
  }

  /**
   * Adds attempts until the database holds `target`, spread over learnersFor(target) learners;
   * each learner works through the five modules in their own order, then retakes them.
   */
  async seedTo(
    target: number,
    opts: { concurrency: number; log: (line: string) => void },
  ): Promise<void> {
    const existing = await Attempt.estimatedDocumentCount();
    const toAdd = target - existing;
    if (toAdd <= 0) return;
    const learnerCount = learnersFor(target);
    await this.addLearners(learnerCount);

    // One task per learner, so a learner's attempts are made in order, never two at once.
    const tasks: { learner: Learner; count: number }[] = [];
    for (let i = 0; i < learnerCount; i++) {
      const count = Math.floor(toAdd / learnerCount) + (i < toAdd % learnerCount ? 1 : 0);
      const learner = this.learners[i];
      if (learner && count > 0) tasks.push({ learner, count });
    }

    const started = performance.now();
    const commitsBefore = this.commits;
    let done = 0;
    let lastLog = started;
    let lastLogged = -1;
    const progress = (force = false) => {
      const now = performance.now();
      if (done === lastLogged || (!force && now - lastLog < 10_000)) return;
      lastLog = now;
      lastLogged = done;
      const seconds = (now - started) / 1000;
      opts.log(
        `  seeding to ${target.toLocaleString("en")}: ${done.toLocaleString("en")}/${toAdd.toLocaleString("en")} attempts, ` +
          `${(this.commits - commitsBefore).toLocaleString("en")} commits, ` +
          `${(done / seconds).toFixed(0)} attempts/s, ${seconds.toFixed(1)} s`,
      );
    };

    let next = 0;
    const worker = async () => {
      for (;;) {
        const task = tasks[next++];
        if (!task) return;
        for (let k = 0; k < task.count; k++) {
          const step = task.learner.steps++;
          // Each learner starts at a different module, so every module gets the same share.
          const slug = SLUGS[(task.learner.index + step) % SLUGS.length] as string;
          await this.playAttempt(task.learner.id, slug);
          done++;
          progress();
        }
      }
    };
    await Promise.all(Array.from({ length: opts.concurrency }, worker));
    progress(true);
  }
}
