import { parentPort } from "node:worker_threads";

// The worker-thread side of TaskRunner: answers each {task, input} with {ok, result} or
// {ok: false, message}, one at a time.

// biome-ignore lint/suspicious/noExplicitAny: each task checks its own input's shape.
export type TaskTable = Record<string, (input: any) => unknown>;

export function serveTasks(tasks: TaskTable): void {
  const port = parentPort;
  if (!port) throw new Error("serveTasks runs inside a worker thread");
  port.on("message", (message: { task: string; input: unknown }) => {
    try {
      const run = tasks[message.task];
      if (!run) throw new Error(`unknown task ${message.task}`);
      port.postMessage({ ok: true, result: run(message.input) });
    } catch (err) {
      port.postMessage({ ok: false, message: (err as Error).message });
    }
  });
  port.postMessage({ ready: true });
}
