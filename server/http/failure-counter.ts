import { ClusterMemoryStoreWorker } from "@express-rate-limit/cluster-memory-store";
import { MemoryStore, type Options } from "express-rate-limit";

/** Failures per key within a fixed window (the window starts at a key's first failure). */
export interface FailureCounter {
  get(key: string): Promise<{ count: number; resetTime: Date | null }>;
  add(key: string): Promise<void>;
}

/**
 * The worker side of the cluster store, plus `get`. The primary answers any MemoryStore method
 * a worker names; the worker class just does not expose reading a count without changing it,
 * which counting failures (and not attempts) needs.
 */
type Send = { send(command: string, args: unknown[]): Promise<unknown> };
class ReadableClusterStore extends ClusterMemoryStoreWorker {
  async get(key: string): Promise<{ totalHits: number; resetTime: string } | undefined> {
    const reply = await (this as unknown as Send).send("get", [key]);
    return reply as { totalHits: number; resetTime: string } | undefined;
  }
}

/**
 * In this process, or for cluster workers in the primary, which every worker asks over IPC so
 * that all of one machine's workers count together.
 */
export function failureCounter(opts: {
  prefix: string;
  windowMs: number;
  clusterWorker: boolean;
}): FailureCounter {
  const store = opts.clusterWorker
    ? new ReadableClusterStore({ prefix: opts.prefix })
    : new MemoryStore();
  const ready = Promise.resolve(store.init({ windowMs: opts.windowMs } as Options));
  return {
    async get(key) {
      await ready;
      const info = await store.get(key);
      return {
        count: info?.totalHits ?? 0,
        resetTime: info?.resetTime ? new Date(info.resetTime) : null,
      };
    },
    async add(key) {
      await ready;
      await store.increment(key);
    },
  };
}
