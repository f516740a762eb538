import { bundleBrowserScript } from "../http/browser-script.ts";

// The player's and the editor preview's host scripts are TypeScript under public/host/src,
// type-checked with the SCO runtime (tsconfig in public/) and sharing the host↔SCO message types
// with the server (server/player/host-messages.ts). esbuild bundles each into one classic script
// the first time it is asked for, and the bytes are kept for the life of the process.

export const HOST_SCRIPTS = {
  "player-host.js": "public/host/src/player-host.ts",
  "preview-host.js": "public/host/src/preview-host.ts",
} as const;

export type HostScriptName = keyof typeof HOST_SCRIPTS;

const built = new Map<HostScriptName, Buffer>();

export const isHostScript = (name: string): name is HostScriptName =>
  Object.hasOwn(HOST_SCRIPTS, name);

export function hostScript(name: HostScriptName): Buffer {
  let script = built.get(name);
  if (!script) {
    script = bundleBrowserScript(HOST_SCRIPTS[name], { target: "es2019", minify: "all" }).script;
    built.set(name, script);
  }
  return script;
}
