// Starts a task worker thread. Node 20 does not carry the parent's TypeScript loader into worker
// threads, so the worker registers tsx itself before importing its TypeScript entry module.
import { workerData } from "node:worker_threads";

if (workerData.entry.endsWith(".ts")) {
  const { register } = await import("tsx/esm/api");
  register();
}
await import(workerData.entry);
