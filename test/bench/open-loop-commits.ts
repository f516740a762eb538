// Commits sent on a fixed clock whatever the server does (an open loop, unlike autocannon's closed
// loop, where a slow server also slows the senders and hides its own queueing). Latency runs from
// the moment a commit was due, so time spent waiting for a free connection counts too.
import { Agent, request } from "node:http";
import { percentile } from "./latency-stats.ts";

export interface CommitTarget {
  commitUrl: string;
  token: string;
  /** The highest sequence number sent so far; each send goes one above it. */
  seq: number;
  /** The request body for a sequence number. */
  body: (seq: number) => string;
}

export interface OpenLoopResult {
  rate: number;
  sent: number;
  /** Sends per second the clock actually managed (falls short if this process lags). */
  achievedRate: number;
  p50Ms: number;
  p99Ms: number;
  /** Timeouts, network errors and any answer but 200. */
  errors: number;
  /** Answered 200 but not applied: a newer commit to the same attempt got there first. */
  stale: number;
  errorExamples: string[];
}

export async function openLoopCommits(opts: {
  baseUrl: string;
  targets: CommitTarget[];
  rate: number;
  seconds: number;
  timeoutMs: number;
}): Promise<OpenLoopResult> {
  const url = new URL(opts.baseUrl);
  // Enough sockets that the client is never the queue at these rates. Idle sockets are dropped
  // after 4 s, before the server's 5 s keep-alive timeout, so a request is never sent on a socket
  // the server is closing at that moment (which fails with ECONNRESET through no fault of its own).
  const agent = new Agent({ keepAlive: true, maxSockets: 512, timeout: 4000 });
  const total = Math.round(opts.rate * opts.seconds);
  const interval = 1000 / opts.rate;
  const latencies: number[] = [];
  const errorExamples: string[] = [];
  let errors = 0;
  let stale = 0;
  let lastSendAt = 0;
  const pending: Promise<void>[] = [];

  const fail = (why: string) => {
    errors++;
    if (errorExamples.length < 5) errorExamples.push(why);
  };

  const send = (i: number, dueAt: number) => {
    const target = opts.targets[i % opts.targets.length] as CommitTarget;
    target.seq += 1;
    const body = target.body(target.seq);
    return new Promise<void>((resolve) => {
      let settled = false;
      const settle = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        outcome();
        resolve();
      };
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: target.commitUrl,
          method: "POST",
          agent,
          headers: {
            "content-type": "application/json",
            accept: "application/json",
            authorization: `Bearer ${target.token}`,
            "content-length": Buffer.byteLength(body),
          },
        },
        (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => {
            text += chunk;
          });
          res.on("end", () =>
            settle(() => {
              if (res.statusCode !== 200) return fail(`${res.statusCode}: ${text.slice(0, 200)}`);
              latencies.push(performance.now() - dueAt);
              if ((JSON.parse(text) as { applied?: boolean }).applied === false) stale++;
            }),
          );
          res.on("error", (err) => settle(() => fail(err.message)));
        },
      );
      const timer = setTimeout(() => {
        settle(() => fail(`no answer within ${opts.timeoutMs} ms`));
        req.destroy();
      }, opts.timeoutMs);
      req.on("error", (err) => settle(() => fail(err.message)));
      req.end(body);
    });
  };

  const started = performance.now();
  await new Promise<void>((done) => {
    let i = 0;
    const tick = () => {
      const now = performance.now();
      while (i < total && started + i * interval <= now) {
        pending.push(send(i, started + i * interval));
        lastSendAt = performance.now();
        i++;
      }
      if (i >= total) return done();
      setTimeout(tick, Math.max(0, started + i * interval - performance.now()));
    };
    tick();
  });
  await Promise.all(pending);
  agent.destroy();

  const sendSeconds = Math.max(lastSendAt - started, interval) / 1000;
  return {
    rate: opts.rate,
    sent: total,
    achievedRate: (total - 1) / sendSeconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    errors,
    stale,
    errorExamples,
  };
}

/**
 * Commits the client gave up on are still being worked through by the server. Sends one commit at
 * a time until three in a row are answered quickly (one alone can slip in ahead of stragglers), so
 * the next rate, or stopping the app, starts from an idle server. Resolves with how long it took.
 */
export async function waitUntilCommitsAreQuick(opts: {
  baseUrl: string;
  target: CommitTarget;
  quickMs?: number;
  maxMs?: number;
}): Promise<number> {
  const quickMs = opts.quickMs ?? 250;
  const started = performance.now();
  let quick = 0;
  while (quick < 3 && performance.now() - started < (opts.maxMs ?? 300_000)) {
    opts.target.seq += 1;
    const sentAt = performance.now();
    try {
      const res = await fetch(opts.baseUrl + opts.target.commitUrl, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${opts.target.token}`,
        },
        body: opts.target.body(opts.target.seq),
      });
      await res.arrayBuffer();
      quick = res.ok && performance.now() - sentAt < quickMs ? quick + 1 : 0;
    } catch {
      // refused while overloaded: try again
      quick = 0;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return performance.now() - started;
}
