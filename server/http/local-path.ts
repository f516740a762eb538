// Whether a URL someone else handed over stays on this site. Shared by the server (where to go
// after sign-in) and the SCO bundle (where its end screen may lead), so it has no imports.

/**
 * A path on this site: one "/" and then neither "/" nor "\". Browsers read "\" as "/" in a URL,
 * so "/\evil.example" is "//evil.example", another site; and URL parsing drops tabs and line
 * breaks, so "/<tab>/evil.example" is too. Neither has any business in a link, so a backslash or a
 * control character anywhere refuses the whole URL.
 */
export const isLocalPath = (url: unknown): url is string =>
  typeof url === "string" &&
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  /^\/(?![/\\])[^\\\u0000-\u001f\u007f]*$/.test(url);
