// What a resent review answer's response means for the copy kept on the device. Only the server
// saying it recorded the answer, or refusing it for good, lets the copy go: the learner was told
// it is saved, so a response that might just be an ended sign-in keeps it.

export type ReplayOutcome =
  /** Recorded: the server sent the learner to this card's feedback. */
  | "sent"
  /** Refused for good (incomplete answer, card no longer in today's review, question removed). */
  | "refused"
  /** The session this page belongs to has ended; it is sent once the learner signs in again. */
  | "sign-in"
  /** Anything else (a server error, too many requests, an unexpected page): try again later. */
  | "later";

const FINAL_REFUSALS = new Set([400, 404, 409, 410, 422]);

/** `status` and `url` are the final response's, after fetch followed any redirect. */
export function replayOutcome(status: number, url: string, card: string): ReplayOutcome {
  const path = new URL(url, "http://rapport.invalid").pathname;
  if (status === 401 || status === 403) return "sign-in";
  if (status >= 200 && status < 300) {
    if (path === `/review/answered/${encodeURIComponent(card)}`) return "sent";
    // A proxy or the app sending a signed-out person to the sign-in page.
    if (path === "/login") return "sign-in";
    return "later";
  }
  return FINAL_REFUSALS.has(status) ? "refused" : "later";
}
