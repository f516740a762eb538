import type { FailureCounter } from "./failure-counter.ts";

export interface FailureLimit {
  counter: FailureCounter;
  key: string;
  /** Failures allowed per window; the next attempt is refused. */
  max: number;
  /** Said to the person who is refused. */
  message: string;
}

export type Admission =
  | { admitted: true; release(failed: boolean): Promise<void> }
  | { admitted: false; message: string; retryAfterS: number };

const MAX_WAITING = 200;
// Long enough for the attempts ahead to finish on a busy machine (each one is an argon2 check).
const MAX_WAIT_MS = 30_000;
const BUSY = "Too many sign-in attempts at once. Wait a moment and try again.";

/**
 * Limits that count only failures. Counting only after the outcome is known would let a burst
 * of simultaneous guesses all start before the first one fails, so attempts still running count
 * too: an attempt starts only while failures plus attempts in flight stay under every limit, and
 * otherwise waits for one to finish (a correct password frees its place without counting). So
 * twenty people behind one address signing in at once all get in, and a burst of wrong passwords
 * gets no more tries than the limit. In-flight attempts are counted per process; failures are
 * shared by a cluster's workers.
 */
export class FailureGate {
  private readonly inFlight = new Map<string, number>();
  private readonly wakers = new Map<string, Set<() => void>>();
  private waiting = 0;
  // Which keys had an attempt finish while counts were being read; kept only while someone reads.
  private releaseSeq = 0;
  private readonly lastRelease = new Map<string, number>();
  private readers = 0;

  async admit(limits: FailureLimit[]): Promise<Admission> {
    const deadline = Date.now() + MAX_WAIT_MS;
    for (;;) {
      if (Date.now() >= deadline) return { admitted: false, message: BUSY, retryAfterS: 1 };
      const seen = this.releaseSeq;
      this.readers++;
      let counts: Awaited<ReturnType<FailureCounter["get"]>>[];
      let changed: boolean;
      try {
        counts = await Promise.all(limits.map((l) => l.counter.get(l.key)));
      } finally {
        // An attempt on one of these keys that finished while we read may have become a
        // failure we did not see: read again.
        changed = limits.some((l) => (this.lastRelease.get(l.key) ?? 0) > seen);
        if (--this.readers === 0) this.lastRelease.clear();
      }
      if (changed) continue;
      const full: string[] = [];
      for (const [i, limit] of limits.entries()) {
        const { count, resetTime } = counts[i] ?? { count: 0, resetTime: null };
        if (count >= limit.max) {
          const retryAfterS = Math.max(
            1,
            Math.ceil(((resetTime?.getTime() ?? 0) - Date.now()) / 1000),
          );
          return { admitted: false, message: limit.message, retryAfterS };
        }
        if (count + (this.inFlight.get(limit.key) ?? 0) >= limit.max) full.push(limit.key);
      }
      if (full.length === 0) return this.enter(limits);
      if (this.waiting >= MAX_WAITING) return { admitted: false, message: BUSY, retryAfterS: 1 };
      await this.nextRelease(full, deadline);
    }
  }

  private enter(limits: FailureLimit[]): Admission {
    for (const l of limits) this.inFlight.set(l.key, (this.inFlight.get(l.key) ?? 0) + 1);
    let released = false;
    return {
      admitted: true,
      release: async (failed) => {
        if (released) return;
        released = true;
        try {
          // Recorded before the place is freed, so the attempt is always counted somewhere.
          if (failed) await Promise.all(limits.map((l) => l.counter.add(l.key)));
        } finally {
          this.releaseSeq++;
          for (const l of limits) {
            const n = (this.inFlight.get(l.key) ?? 1) - 1;
            if (n > 0) this.inFlight.set(l.key, n);
            else this.inFlight.delete(l.key);
            if (this.readers > 0) this.lastRelease.set(l.key, this.releaseSeq);
            const wake = this.wakers.get(l.key);
            this.wakers.delete(l.key);
            for (const w of wake ?? []) w();
          }
        }
      },
    };
  }

  /** Resolves when an attempt on one of `keys` finishes, or at the deadline. */
  private nextRelease(keys: string[], deadline: number): Promise<void> {
    this.waiting++;
    return new Promise((resolve) => {
      let done = false;
      const waker = () => {
        if (done) return;
        done = true;
        this.waiting--;
        clearTimeout(timer);
        for (const key of keys) this.wakers.get(key)?.delete(waker);
        resolve();
      };
      const timer = setTimeout(waker, Math.max(0, deadline - Date.now()));
      for (const key of keys) {
        let set = this.wakers.get(key);
        if (!set) {
          set = new Set();
          this.wakers.set(key, set);
        }
        set.add(waker);
      }
    });
  }
}
