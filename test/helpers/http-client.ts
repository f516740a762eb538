/** A tiny browser stand-in: keeps cookies, reads CSRF tokens from pages, posts forms. */
export class HttpClient {
  private cookies = new Map<string, string>();
  constructor(readonly baseUrl: string) {}

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size)
      headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    const res = await fetch(this.baseUrl + path, { ...init, headers, redirect: "manual" });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const eq = pair.indexOf("=");
      this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    return res;
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  get(path: string, accept = "text/html"): Promise<Response> {
    return this.request(path, { headers: { accept } });
  }

  /** The CSRF token embedded in a page's forms. */
  async csrfFrom(path: string): Promise<string> {
    const html = await (await this.get(path)).text();
    const match = html.match(/name="_csrf" value="([^"]+)"/);
    if (!match?.[1]) throw new Error(`no CSRF token on ${path}`);
    return match[1];
  }

  /** Posts a form the way a browser would, with the token from `tokenPage` unless given. */
  async postForm(
    path: string,
    fields: Record<string, string>,
    tokenPage?: string,
  ): Promise<Response> {
    const body = new URLSearchParams(fields);
    if (tokenPage && !("_csrf" in fields)) body.set("_csrf", await this.csrfFrom(tokenPage));
    return this.request(path, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/html" },
      body,
    });
  }

  async postJson(path: string, json: unknown, csrfToken?: string): Promise<Response> {
    return this.request(path, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/json",
        ...(csrfToken ? { "x-csrf-token": csrfToken } : {}),
      },
      body: JSON.stringify(json),
    });
  }
}
