import { Worker } from "node:worker_threads";
import { HttpError } from "../http/http-errors.ts";

// Work whose cost grows with what an author sends (converting an article, comparing versions,
// rendering a preview) runs in worker threads, so the event loop keeps answering everyone else
// while it runs, and a task past its time limit is stopped by ending its thread.

export interface TaskRunnerOptions {
  /** The worker module: it calls serveTasks() with its table of tasks. */
  entry: URL;
  /** Threads kept for tasks; more tasks than this wait their turn. */
  threads: number;
  /** Tasks that may wait for a thread; one more is refused with 503. */
  maxWaiting: number;
  /** Memory one thread may use; a task that needs more is stopped like a slow one. */
  maxMemoryMb: number;
  /** A thread that stays idle this long is ended (the next task starts a new one). */
  idleMs?: number;
}

export interface RunOptions {
  timeoutMs: number;
  /** The error to answer with when the task is stopped for time or memory. */
  stopped: () => Error;
}

export const BUSY_MESSAGE =
  "Rapport is busy with other large imports and comparisons. Try again in a minute.";

interface Job {
  task: string;
  input: unknown;
  opts: RunOptions;
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
}

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  job: Job | null;
  /** Set once the thread has loaded its tasks. */
  started: boolean;
  /** Fails the running job (as stopped, unless given another error) and frees the slot. */
  failJob?: (err?: Error) => void;
  idleTimer?: NodeJS.Timeout;
}

type Reply = { ready: true } | { ok: true; result: unknown } | { ok: false; message: string };

const BOOT = new URL("./task-worker-boot.mjs", import.meta.url);
const START_TIMEOUT_MS = 60_000;

export class TaskRunner {
  private readonly slots = new Set<Slot>();
  private readonly waiting: Job[] = [];

  constructor(private readonly opts: TaskRunnerOptions) {}

  /** Runs `task` on a worker thread; rejects with opts.stopped() if it is stopped. */
  run<T>(task: string, input: unknown, opts: RunOptions): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.waiting.length >= this.opts.maxWaiting) {
        reject(new HttpError(503, BUSY_MESSAGE));
        return;
      }
      this.waiting.push({ task, input, opts, resolve: resolve as (v: unknown) => void, reject });
      this.dispatch();
    });
  }

  /** Ends every thread (running tasks are rejected as stopped). */
  async close(): Promise<void> {
    await Promise.all([...this.slots].map((slot) => this.end(slot)));
  }

  private dispatch(): void {
    while (this.waiting.length > 0) {
      const slot = [...this.slots].find((s) => !s.job) ?? this.startSlot();
      if (!slot) return;
      const job = this.waiting.shift() as Job;
      this.runOn(slot, job);
    }
  }

  private startSlot(): Slot | null {
    if (this.slots.size >= this.opts.threads) return null;
    const worker = new Worker(BOOT, {
      workerData: { entry: this.opts.entry.href },
      // The worker registers its own TypeScript loader; the parent's flags (--test, watch
      // mode) mean nothing there.
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: this.opts.maxMemoryMb },
    });
    worker.unref();
    // A crash is handled by the exit that follows it; without a listener it would throw here.
    worker.on("error", () => {});
    const slot: Slot = { worker, ready: Promise.resolve(), job: null, started: false };
    slot.ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error("task worker did not start"));
        void this.end(slot);
      }, START_TIMEOUT_MS);
      timer.unref();
      worker.once("message", () => {
        clearTimeout(timer);
        slot.started = true;
        resolve();
      });
      worker.once("error", reject);
      worker.once("exit", () => reject(new Error("task worker ended while starting")));
    });
    slot.ready.catch(() => {});
    this.slots.add(slot);
    worker.on("exit", () => this.lost(slot));
    return slot;
  }

  private runOn(slot: Slot, job: Job): void {
    slot.job = job;
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    let timer: NodeJS.Timeout | undefined;
    const finish = (settle: () => void) => {
      if (slot.job !== job) return;
      if (timer) clearTimeout(timer);
      slot.worker.off("message", onMessage);
      slot.job = null;
      slot.failJob = undefined;
      slot.worker.unref();
      settle();
      this.idle(slot);
      this.dispatch();
    };
    const onMessage = (reply: Reply) => {
      if ("ready" in reply) return;
      finish(() =>
        reply.ok
          ? job.resolve(reply.result)
          : job.reject(new Error(`task failed: ${reply.message}`)),
      );
    };
    slot.failJob = (err) => finish(() => job.reject(err ?? job.opts.stopped()));
    // A thread at work keeps the process alive until its task ends; an idle one does not.
    slot.worker.ref();
    slot.ready.then(
      () => {
        if (slot.job !== job) return;
        slot.worker.on("message", onMessage);
        timer = setTimeout(() => {
          // Out of the pool first, so the next task goes to a fresh thread, not this one.
          void this.end(slot);
          slot.failJob?.();
        }, job.opts.timeoutMs);
        slot.worker.postMessage({ task: job.task, input: job.input });
      },
      (err: Error) => finish(() => job.reject(err)),
    );
  }

  private idle(slot: Slot): void {
    if (!this.opts.idleMs || !this.slots.has(slot)) return;
    slot.idleTimer = setTimeout(() => void this.end(slot), this.opts.idleMs);
    slot.idleTimer.unref();
  }

  /**
   * A thread that ended by itself fails its task: as stopped when it was running one (out of
   * memory, usually), as a plain error when it never started (a bug, not the input's fault).
   */
  private lost(slot: Slot): void {
    this.slots.delete(slot);
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    if (!slot.failJob) this.dispatch();
    else if (slot.started) slot.failJob();
    else slot.failJob(new Error("task worker ended before it started"));
  }

  private async end(slot: Slot): Promise<void> {
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    this.slots.delete(slot);
    await slot.worker.terminate();
  }
}
