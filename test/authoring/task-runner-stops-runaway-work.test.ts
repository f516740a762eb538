import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { BUSY_MESSAGE, TaskRunner } from "../../server/authoring/task-runner.ts";
import { HttpError } from "../../server/http/http-errors.ts";

// What keeps heavy author work from holding the server: it runs on worker threads, a task past
// its time or memory is stopped by ending its thread, and too many waiting tasks get 503.

const runner = new TaskRunner({
  entry: new URL("../fixtures/tasks/misbehaving-worker.ts", import.meta.url),
  threads: 1,
  maxWaiting: 1,
  maxMemoryMb: 48,
});
after(() => runner.close());

const stopped = () => new HttpError(413, "stopped");
const quick = { timeoutMs: 30_000, stopped };

describe("the task runner", () => {
  test("a task that never ends is stopped at its time limit; the next task runs", async () => {
    const err = await runner.run("spin", null, { timeoutMs: 300, stopped }).catch((e) => e);
    assert.ok(err instanceof HttpError && err.message === "stopped", String(err));
    assert.deepEqual(await runner.run("echo", { a: 1 }, quick), { a: 1 });
  });

  test("a task that runs out of memory is stopped; the next task runs", async () => {
    const err = await runner.run("hoard", null, quick).catch((e) => e);
    assert.ok(err instanceof HttpError && err.message === "stopped", String(err));
    assert.equal(await runner.run("echo", "still here", quick), "still here");
  });

  test("a task's own error is a failure, not a stop", async () => {
    const err = await runner.run("fail", null, quick).catch((e) => e);
    assert.ok(err instanceof Error && !(err instanceof HttpError), String(err));
    assert.match(err.message, /the task's own bug/);
  });

  test("with every thread busy and the queue full, one more task gets 503", async () => {
    const running = runner.run("spin", null, { timeoutMs: 2_000, stopped }).catch((e) => e);
    const waiting = runner.run("echo", "queued", quick);
    const refused = await runner.run("echo", "one too many", quick).catch((e) => e);
    assert.ok(refused instanceof HttpError && refused.status === 503, String(refused));
    assert.equal(refused.message, BUSY_MESSAGE);
    assert.equal(((await running) as Error).message, "stopped");
    assert.equal(await waiting, "queued");
  });
});
