import assert from "node:assert/strict";
import { createUser } from "../../server/auth/create-user.ts";
import { HttpClient } from "./http-client.ts";

export const LEARNER_PASSWORD = "learner password 1";

/** Creates a learner account and returns a client signed in as them. */
export async function signedInLearner(baseUrl: string, email: string): Promise<HttpClient> {
  await createUser({ email, displayName: email.split("@")[0], password: LEARNER_PASSWORD });
  const client = new HttpClient(baseUrl);
  const res = await client.postForm("/login", { email, password: LEARNER_PASSWORD }, "/login");
  assert.equal(res.status, 302);
  return client;
}

export interface PlayerConfig {
  attemptId: string;
  commitUrl: string;
  commitToken: string;
  seq: number;
  cmi: Record<string, unknown>;
}

/** Starts (or resumes) a module the way the Start button does and reads the player's config. */
export async function openPlayer(
  client: HttpClient,
  slug: string,
  retake = false,
): Promise<PlayerConfig> {
  const res = await client.postForm(
    `/modules/${slug}/attempts`,
    retake ? { retake: "1", confirmed: "1" } : {},
    `/modules/${slug}`,
  );
  assert.equal(res.status, 303);
  const location = res.headers.get("location") ?? "";
  const page = await client.get(location);
  assert.equal(page.status, 200);
  const html = await page.text();
  const json = html.match(
    /<script type="application\/json" id="player-config">(.*?)<\/script>/s,
  )?.[1];
  assert.ok(json, "the player page carries its config");
  return JSON.parse(json) as PlayerConfig;
}

/** Sends one commit the way the player does. */
export function sendCommit(
  client: HttpClient,
  player: PlayerConfig,
  body: unknown,
  token = player.commitToken,
) {
  return client.request(player.commitUrl, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "application/json",
      authorization: `Bearer ${token}`,
    },
    body: JSON.stringify(body),
  });
}
