import type { Logger } from "../http/logger.ts";
import { claimJob } from "./job-lease.ts";

export interface JobContext {
  now: () => Date;
  /** Renews the lease; a job doing long work calls it between batches and stops on false. */
  stillMine: () => Promise<boolean>;
  /** True once the process is stopping: finish the current item and return. */
  stopping: () => boolean;
}

export interface JobDefinition {
  name: string;
  /** Time between the start of one run and the next, across all processes. */
  everyMs: number;
  /** Longest a run may hold the job without renewing (a process that dies frees it after this). */
  leaseMs: number;
  run(ctx: JobContext): Promise<void>;
}

export interface JobRunner {
  /** Waits for a run in progress to finish, then stops polling. */
  stop(): Promise<void>;
}

/**
 * Every app process runs one of these. Each poll, it tries to claim each due job's lease in the
 * database and runs the jobs it got. No separate scheduler service: N processes on any number of
 * machines share the work, and a job runs once per interval however many poll.
 */
export function startJobRunner(opts: {
  jobs: JobDefinition[];
  pollMs: number;
  logger: Logger;
  clock?: () => Date;
}): JobRunner {
  const clock = opts.clock ?? (() => new Date());
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const runOnce = async (job: JobDefinition) => {
    const lease = await claimJob(job.name, clock(), job.leaseMs);
    if (!lease) return;
    const started = clock();
    let error: string | null = null;
    try {
      await job.run({
        now: clock,
        stillMine: () => lease.renew(clock()),
        stopping: () => stopping,
      });
    } catch (err) {
      error = (err as Error).message ?? String(err);
      opts.logger.error({ err, job: job.name }, "job failed");
    }
    await lease.release(clock(), new Date(started.getTime() + job.everyMs), error);
  };

  const tick = async () => {
    for (const job of opts.jobs) {
      if (stopping) return;
      try {
        await runOnce(job);
      } catch (err) {
        // The database was unreachable or similar: try again next poll.
        opts.logger.warn({ err, job: job.name }, "job not run");
      }
    }
  };

  const schedule = () => {
    if (stopping) return;
    // Jitter keeps processes started together from polling in lockstep.
    const delay = opts.pollMs * (0.75 + Math.random() * 0.5);
    timer = setTimeout(() => {
      running = tick().finally(schedule);
    }, delay);
    timer.unref();
  };
  schedule();

  return {
    async stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
