import { createHmac, timingSafeEqual } from "node:crypto";

// The player commits with a signed token instead of the session cookie: it names the learner
// and the attempt, so the commit endpoint needs no session or user lookup (one database write
// per commit), and as a header it cannot be sent by a cross-site form (no CSRF).
export const COMMIT_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;

export interface CommitClaims {
  attemptId: string;
  userId: string;
  expires: number;
}

function sign(secret: string, payload: string): string {
  return createHmac("sha256", secret).update(`commit-token:${payload}`).digest("base64url");
}

export function issueCommitToken(
  secret: string,
  attemptId: string,
  userId: string,
  now = Date.now(),
): string {
  const payload = `${attemptId}.${userId}.${now + COMMIT_TOKEN_TTL_MS}`;
  return `${payload}.${sign(secret, payload)}`;
}

/** The claims of a genuine, unexpired token; null for anything else. */
export function verifyCommitToken(
  secret: string,
  token: string,
  now = Date.now(),
): CommitClaims | null {
  const parts = token.split(".");
  if (parts.length !== 4) return null;
  const [attemptId = "", userId = "", expires = "", mac = ""] = parts;
  const expected = Buffer.from(sign(secret, `${attemptId}.${userId}.${expires}`));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  if (!(Number(expires) > now)) return null;
  return { attemptId, userId, expires: Number(expires) };
}
