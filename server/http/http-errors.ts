/** An error whose message is safe to show to the person who caused it. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Bad input: one message per field, shown next to that field (forms) or in `fields` (JSON). */
export class ValidationError extends HttpError {
  constructor(readonly fields: Record<string, string>) {
    super(
      400,
      Object.entries(fields)
        .map(([k, v]) => `${k}: ${v}`)
        .join("; "),
    );
  }
}

export const notFound = (what = "Page") => new HttpError(404, `${what} not found`);
export const forbidden = () => new HttpError(403, "You do not have permission to do that");
