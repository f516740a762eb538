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
const MAX_WAIT_MS = 10_000;
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
  private wakers = new Set<() => void>();
  private releases = 0;

  async admit(limits: FailureLimit[]): Promise<Admission> {
    const deadline = Date.now() + MAX_WAIT_MS;
    for (;;) {
      if (Date.now() >= deadline) return { admitted: false, message: BUSY, retryAfterS: 1 };
      const seen = this.releases;
      const counts = await Promise.all(limits.map((l) => l.counter.get(l.key)));
      // An attempt that finished while we read may have turned into a failure we did not see.
      if (this.releases !== seen) continue;
      let full = false;
      for (const [i, limit] of limits.entries()) {
        const { count, resetTime } = counts[i] ?? { count: 0, resetTime: null };
        if (count >= limit.max) {
          const retryAfterS = Math.max(
            1,
            Math.ceil(((resetTime?.getTime() ?? 0) - Date.now()) / 1000),
          );
          return { admitted: false, message: limit.message, retryAfterS };
        }
        if (count + (this.inFlight.get(limit.key) ?? 0) >= limit.max) full = true;
      }
      if (!full) return this.enter(limits);
      if (this.wakers.size >= MAX_WAITING) {
        return { admitted: false, message: BUSY, retryAfterS: 1 };
      }
      await this.nextRelease(deadline);
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
          for (const l of limits) {
            const n = (this.inFlight.get(l.key) ?? 1) - 1;
            if (n > 0) this.inFlight.set(l.key, n);
            else this.inFlight.delete(l.key);
          }
          this.releases++;
          const wake = this.wakers;
          this.wakers = new Set();
          for (const w of wake) w();
        }
      },
    };
  }

  private nextRelease(deadline: number): Promise<void> {
    return new Promise((resolve) => {
      const waker = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(
        () => {
          this.wakers.delete(waker);
          resolve();
        },
        Math.max(0, deadline - Date.now()),
      );
      this.wakers.add(waker);
    });
  }
}
