import type { AuthoringTasks } from "./authoring-tasks.ts";
import { type RunOptions, TaskRunner } from "./task-runner.ts";

/** Two threads: one long import never holds up every comparison and preview behind it. */
const runner = new TaskRunner({
  entry: new URL("./authoring-worker.ts", import.meta.url),
  threads: 2,
  maxWaiting: 20,
  maxMemoryMb: 512,
  idleMs: 5 * 60_000,
});

/** Runs one of authoringTasks on a worker thread, off the event loop. */
export function runAuthoringTask<K extends keyof AuthoringTasks>(
  task: K,
  input: Parameters<AuthoringTasks[K]>[0],
  opts: RunOptions,
): Promise<ReturnType<AuthoringTasks[K]>> {
  return runner.run(task, input, opts);
}
