// Calls to Rapport's JSON API from the authoring pages: same-origin, with the session's form token,
// and an answer that always has a body to read (empty when the server sent no JSON).

/** What a refusal carries (server/http/error-handler.ts): a message, and one per field. */
export interface ErrorBody {
  error?: string;
  fields?: Record<string, string>;
}

export interface ApiAnswer<T> {
  res: Response;
  /** The answer's JSON; on a refusal only the error's fields are there. */
  body: Partial<T> & ErrorBody;
}

export interface ApiRequest {
  csrf: string;
  method?: "POST" | "PUT";
  /** The body's content type; JSON unless said. */
  type?: string;
  body: BodyInit;
}

export async function callApi<T>(url: string, request: ApiRequest): Promise<ApiAnswer<T>> {
  const res = await fetch(url, {
    method: request.method ?? "POST",
    headers: {
      "content-type": request.type ?? "application/json",
      accept: "application/json",
      "x-csrf-token": request.csrf,
    },
    body: request.body,
    credentials: "same-origin",
  });
  const body: Partial<T> & ErrorBody = await res.json().catch(() => ({}));
  return { res, body };
}
