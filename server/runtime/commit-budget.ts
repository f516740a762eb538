// How often one attempt may commit: a token bucket per attempt, holding `perMinute` commits and
// refilling at `perMinute` a minute. A learner's player commits after each lesson and answer,
// one request at a time, so it stays far below the default; a runaway or hostile client is held
// to it (the player retries a 429 with backoff, keeping its newest snapshot, so nothing is lost).
//
// The buckets live in this process's memory: checking one costs no database or IPC round trip.
// With several cluster workers (or machines), each keeps its own buckets, so an attempt whose
// requests are spread over N processes gets up to N times the budget; a restart refills them.
export const COMMITS_PER_MINUTE = 60;

interface Bucket {
  tokens: number;
  at: number;
}

// A full bucket is the same as no bucket, so idle attempts are dropped once the map grows.
const SWEEP_FROM = 10_000;

export class CommitBudget {
  readonly #buckets = new Map<string, Bucket>();
  readonly #perMs: number;
  #sweepAt = SWEEP_FROM;

  constructor(
    readonly perMinute = COMMITS_PER_MINUTE,
    private readonly now: () => number = Date.now,
  ) {
    this.#perMs = perMinute / 60_000;
  }

  /** Spends one commit of the attempt's budget: 0 when allowed, else seconds until it may. */
  take(attemptId: string): number {
    const now = this.now();
    const bucket = this.#buckets.get(attemptId);
    const tokens = bucket ? this.#refilled(bucket, now) : this.perMinute;
    if (tokens < 1) return Math.ceil((1 - tokens) / this.#perMs / 1000);
    if (bucket) {
      bucket.tokens = tokens - 1;
      bucket.at = now;
    } else {
      this.#buckets.set(attemptId, { tokens: tokens - 1, at: now });
      if (this.#buckets.size >= this.#sweepAt) this.#sweep(now);
    }
    return 0;
  }

  #refilled(bucket: Bucket, now: number): number {
    return Math.min(this.perMinute, bucket.tokens + Math.max(0, now - bucket.at) * this.#perMs);
  }

  #sweep(now: number): void {
    for (const [id, bucket] of this.#buckets)
      if (this.#refilled(bucket, now) >= this.perMinute) this.#buckets.delete(id);
    this.#sweepAt = Math.max(SWEEP_FROM, this.#buckets.size * 2);
  }

  /** Attempts currently tracked (for tests of the sweep). */
  get size(): number {
    return this.#buckets.size;
  }
}
