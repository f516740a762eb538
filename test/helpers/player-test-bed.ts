import { after, before } from "node:test";
import type { Browser } from "playwright-core";
import type { ModuleContent } from "../../server/content/module-schema.ts";
import { launchBrowser } from "./browser.ts";
import { publishedContent } from "./player-driver.ts";
import { startTestApp } from "./test-app.ts";

export interface PlayerTestBed {
  app: Awaited<ReturnType<typeof startTestApp>>;
  browser: Browser;
  /** The published "trust" starter module. */
  trust: ModuleContent;
}

/**
 * For a browser test file of the player: the app on the file's own database, Chromium and the
 * trust module, ready in `before` and closed in `after`. Read the fields inside tests.
 */
export function playerTestBed(testFileUrl: string): PlayerTestBed {
  const bed = {} as PlayerTestBed;
  before(async () => {
    bed.app = await startTestApp(testFileUrl);
    [bed.trust, bed.browser] = await Promise.all([publishedContent("trust"), launchBrowser()]);
  });
  after(async () => {
    await bed.browser?.close();
    await bed.app?.stop();
  });
  return bed;
}
