import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Tokens for forms a signed-out visitor posts (sign-in, registration, first-run setup): a signed
 * double submit. A random nonce goes into a cookie, and the form carries an HMAC of that nonce
 * under a key derived from the session secret. A forged post from another site has neither a
 * matching pair nor the key, and nothing is stored on the server, so anonymous page views
 * cannot grow the session store.
 */
export function signedOutFormTokens(secret: string) {
  // A key of its own, so a form token can never be mistaken for a session-cookie signature.
  const key = createHmac("sha256", secret).update("rapport signed-out form token v1").digest();
  const sign = (nonce: string) => createHmac("sha256", key).update(nonce).digest("base64url");
  return {
    newNonce: (): string => randomBytes(32).toString("base64url"),
    tokenFor: sign,
    isValid(nonce: string | undefined, token: string | undefined): boolean {
      if (!nonce || !token || nonce.length > 100 || token.length > 100) return false;
      const expected = Buffer.from(sign(nonce));
      const given = Buffer.from(token);
      return expected.length === given.length && timingSafeEqual(expected, given);
    },
  };
}
