import { createHash } from "node:crypto";
import type { RequestHandler, Response } from "express";
import {
  type BrowserScript,
  type BrowserScriptOptions,
  bundleBrowserScript,
} from "./browser-script.ts";

/** A bundled script with the validator browsers revalidate it by. */
export interface ServedScript extends BrowserScript {
  etag: string;
}

export const etagOf = (bytes: Buffer): string =>
  `"${createHash("sha1").update(bytes).digest("base64url")}"`;

/**
 * Sends a built script, always revalidated: a browser must see a new version (a service worker,
 * a page script) as soon as one is out, and otherwise gets a 304 for the price of a request.
 */
export function sendScript(
  res: Response,
  ifNoneMatch: string | undefined,
  built: { script: Buffer; etag: string },
) {
  res.set("Cache-Control", "no-cache");
  res.set("ETag", built.etag);
  if (ifNoneMatch === built.etag) {
    res.status(304).end();
    return;
  }
  res.type("text/javascript").send(built.script);
}

export interface ScriptShelf<Name extends string> {
  names: Name[];
  has(name: string): name is Name;
  /** The script, bundled from its TypeScript entry the first time it is asked for. */
  get(name: Name): ServedScript;
}

/** A set of page scripts by served name (`app.js`) and entry under public/, each built once per process. */
export function scriptShelf<Name extends string>(
  entries: Record<Name, string>,
  options: BrowserScriptOptions,
): ScriptShelf<Name> {
  const built = new Map<Name, ServedScript>();
  return {
    names: Object.keys(entries) as Name[],
    has: (name: string): name is Name => Object.hasOwn(entries, name),
    get(name) {
      let script = built.get(name);
      if (!script) {
        const bundled = bundleBrowserScript(entries[name], options);
        script = { ...bundled, etag: etagOf(bundled.script) };
        built.set(name, script);
      }
      return script;
    },
  };
}

/** GET handler for `…/:name`: a script of the shelf, or on to the next route. */
export function scriptRoute(shelf: ScriptShelf<string>): RequestHandler {
  return (req, res, next) => {
    const name = String(req.params.name);
    if (!shelf.has(name)) {
      next();
      return;
    }
    sendScript(res, req.get("if-none-match"), shelf.get(name));
  };
}
