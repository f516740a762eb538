// The requests of issue #10's table, timed one at a time over HTTP as a signed-in learner and an
// admin would make them. Each sample reads the whole response body.
import { HttpClient } from "../helpers/http-client.ts";
import type { PlayerConfig } from "../helpers/learner.ts";

export const REQUESTS = [
  "dashboard",
  "catalog",
  "modulePage",
  "openPlayer",
  "commit",
  "report",
  "csv",
  "usersPage",
] as const;
export type RequestName = (typeof REQUESTS)[number];

export async function signIn(baseUrl: string, email: string, password: string) {
  const client = new HttpClient(baseUrl);
  const res = await client.postForm("/login", { email, password }, "/login");
  if (res.status !== 302) throw new Error(`signing in as ${email} answered ${res.status}`);
  return client;
}

async function expectStatus(res: Response, status: number, what: string): Promise<string> {
  const body = await res.text();
  if (res.status !== status)
    throw new Error(`${what} answered ${res.status}, not ${status}: ${body.slice(0, 300)}`);
  return body;
}

function playerConfigIn(html: string): PlayerConfig {
  const json = html.match(
    /<script type="application\/json" id="player-config">(.*?)<\/script>/s,
  )?.[1];
  if (!json) throw new Error("the player page has no config");
  return JSON.parse(json) as PlayerConfig;
}

export interface SampleOptions {
  learner: HttpClient;
  admin: HttpClient;
  /** A module where the learner has an attempt in progress, so opening the player resumes it. */
  resumeSlug: string;
  reportSlug: string;
  /** The commit the player would send next, for a given sequence number. */
  commitBody: (seq: number) => string;
  warmup: number;
  samples: number;
  /** Told how far along the rounds are, at most every 10 s (slow sizes take minutes). */
  progress?: (line: string) => void;
}

/**
 * Runs every request `warmup` times unmeasured, then `samples` times measured, in rounds (one of
 * each per round) so that noise from the shared machine spreads over all of them alike.
 */
export async function sampleRequests(opts: SampleOptions): Promise<Record<RequestName, number[]>> {
  const { learner, admin } = opts;
  const csrf = await learner.csrfFrom(`/modules/${opts.resumeSlug}`);
  let player: PlayerConfig | null = null;
  let seq = 0;

  const openPlayer = async () => {
    const res = await learner.postForm(`/modules/${opts.resumeSlug}/attempts`, { _csrf: csrf });
    await expectStatus(res, 303, "starting or resuming the module");
    const page = await learner.get(res.headers.get("location") ?? "");
    const next = playerConfigIn(await expectStatus(page, 200, "the player page"));
    if (player && next.attemptId !== player.attemptId)
      throw new Error("opening the player started a new attempt instead of resuming");
    player = next;
    seq = Math.max(seq, next.seq);
  };

  const run: Record<RequestName, () => Promise<unknown>> = {
    dashboard: async () => expectStatus(await learner.get("/dashboard"), 200, "GET /dashboard"),
    catalog: async () => expectStatus(await learner.get("/catalog"), 200, "GET /catalog"),
    modulePage: async () =>
      expectStatus(await learner.get(`/modules/${opts.resumeSlug}`), 200, "the module page"),
    openPlayer,
    commit: async () => {
      if (!player) await openPlayer();
      const p = player as unknown as PlayerConfig;
      seq += 1;
      const res = await learner.request(p.commitUrl, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/json",
          authorization: `Bearer ${p.commitToken}`,
        },
        body: opts.commitBody(seq),
      });
      const ack = JSON.parse(await expectStatus(res, 200, "a commit")) as { applied: boolean };
      if (!ack.applied) throw new Error(`commit ${seq} was not applied`);
    },
    report: async () =>
      expectStatus(
        await admin.get(`/admin/modules/${opts.reportSlug}/report`),
        200,
        "the module report",
      ),
    csv: async () =>
      expectStatus(
        await admin.get(`/admin/modules/${opts.reportSlug}/report.csv`, "text/csv"),
        200,
        "the attempts CSV",
      ),
    usersPage: async () => expectStatus(await admin.get("/admin/users"), 200, "the users page"),
  };

  const times = Object.fromEntries(REQUESTS.map((r) => [r, [] as number[]])) as Record<
    RequestName,
    number[]
  >;
  const rounds = opts.warmup + opts.samples;
  const started = performance.now();
  let reported = started;
  for (let round = 0; round < rounds; round++) {
    for (const name of REQUESTS) {
      const sent = performance.now();
      await run[name]();
      if (round >= opts.warmup) times[name].push(performance.now() - sent);
    }
    if (performance.now() - reported > 10_000 && round + 1 < rounds) {
      reported = performance.now();
      const seconds = ((reported - started) / 1000).toFixed(1);
      opts.progress?.(`  requests: round ${round + 1}/${rounds} done, ${seconds} s`);
    }
  }
  return times;
}
