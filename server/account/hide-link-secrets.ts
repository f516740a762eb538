// Password-reset links carry their token in the path, unsubscribe links a signature in the query.
// Both work for whoever holds them, so request log lines show neither.
const RESET_PATH = /^(\/reset-password\/)[^/?#]+/;
const SIGNATURE = /([?&]s=)[^&#]*/;

export function hideLinkSecrets(url: string): string {
  return url.replace(RESET_PATH, "$1[redacted]").replace(SIGNATURE, "$1[redacted]");
}

interface SerializedRequest {
  url?: string;
  query?: Record<string, unknown>;
  params?: Record<string, unknown>;
  [key: string]: unknown;
}

/** pino-http's request serializer, wrapped: the logged url, query and params lose those secrets. */
export function requestWithoutLinkSecrets(req: SerializedRequest): SerializedRequest {
  const out: SerializedRequest = { ...req };
  if (typeof req.url === "string") out.url = hideLinkSecrets(req.url);
  if (req.query && "s" in req.query) out.query = { ...req.query, s: "[redacted]" };
  if (req.params && "token" in req.params) out.params = { ...req.params, token: "[redacted]" };
  return out;
}
