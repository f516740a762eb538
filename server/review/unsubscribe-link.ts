import { createHmac, timingSafeEqual } from "node:crypto";

// The link in every reminder turns reminders off without signing in. It names the learner and
// carries an HMAC of their id under the session secret (with a purpose prefix, so no other
// signature Rapport makes can stand in for it): nobody can make one for someone else.
const PURPOSE = "rapport:unsubscribe-reminders:v1:";

export function unsubscribeSignature(userId: string, secret: string): string {
  return createHmac("sha256", secret)
    .update(PURPOSE + userId)
    .digest("base64url");
}

export function verifyUnsubscribe(userId: unknown, signature: unknown, secret: string): boolean {
  if (typeof userId !== "string" || typeof signature !== "string") return false;
  if (!/^[0-9a-f]{24}$/.test(userId)) return false;
  const expected = Buffer.from(unsubscribeSignature(userId, secret));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function unsubscribeUrl(publicUrl: string, userId: string, secret: string): string {
  const q = new URLSearchParams({ u: userId, s: unsubscribeSignature(userId, secret) });
  return `${publicUrl}/reminders/unsubscribe?${q}`;
}
