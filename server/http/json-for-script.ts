/**
 * JSON for a `<script type="application/json">` block: nothing in it can close the block, open
 * a comment, or break a line in older JavaScript parsers. Used by every page and the SCO bundle.
 */
export function jsonForScript(value: unknown): string {
  return escapeJsonForScript(JSON.stringify(value));
}

export function escapeJsonForScript(json: string): string {
  return json
    .replaceAll("<", "\\u003c")
    .replaceAll(">", "\\u003e")
    .replaceAll("&", "\\u0026")
    .replaceAll("\u2028", "\\u2028")
    .replaceAll("\u2029", "\\u2029");
}
