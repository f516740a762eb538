// `npm run screenshots`: the README's phone screenshots, made from a running app. It starts the
// app on an embedded database in a temporary folder, gives one learner some progress through the
// app's own functions, and photographs a phone-sized Chromium (390×844): the dashboard, then the
// first lesson of a module the learner starts. Rerun it after a design change to refresh them.
import { mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { createApp } from "../../server/app.ts";
import { createUser } from "../../server/auth/create-user.ts";
import { REPO_ROOT } from "../../server/config.ts";
import { loadCourseLibrary } from "../../server/content/load-course-library.ts";
import type { ModuleContent } from "../../server/content/module-schema.ts";
import { ModuleVersion } from "../../server/content/module-version-model.ts";
import { connectDatabase } from "../../server/db/connect.ts";
import { createLogger } from "../../server/http/logger.ts";
import { launchBrowser } from "../helpers/browser.ts";
import { seedVisits } from "../helpers/seed-progress.ts";

const OUT_DIR = join(REPO_ROOT, "docs", "screenshots");
const EMAIL = "maya@example.com";
const PASSWORD = "screenshot password 1";
const PHONE = { width: 390, height: 844 };

async function content(slug: string): Promise<ModuleContent> {
  const v = await ModuleVersion.findOne({ slug }).sort({ version: -1 }).lean();
  if (!v) throw new Error(`module ${slug} is not published`);
  return v.content as ModuleContent;
}

/** Lets the page finish drawing (fonts, the framed bundle) before the picture. */
async function settle(page: Page) {
  await page.waitForLoadState("networkidle");
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(500);
}

const dataDir = mkdtempSync(join(tmpdir(), "rapport-screenshots-"));
const logger = createLogger("warn");
const db = await connectDatabase({ mongodbUri: undefined, dataDir }, logger, { dbName: "rapport" });
const { app, close } = createApp({
  config: {
    env: "test",
    sessionSecret: "screenshots-secret-screenshots-secret",
    trustProxy: false,
  },
  logger,
  connection: db.connection,
  ttlIndexesWork: false,
});
const server = app.listen(0, "127.0.0.1");
await new Promise<void>((resolve) => server.once("listening", () => resolve()));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const browser = await launchBrowser();
try {
  await loadCourseLibrary({ logger });
  const maya = await createUser({ email: EMAIL, displayName: "Maya", password: PASSWORD });
  // Passed one, failed one, and one under way (the newest, so the dashboard offers it first).
  await seedVisits(maya.id, "trust", await content("trust"), [{ viewed: -1, score: 0.89 }]);
  await seedVisits(maya.id, "relationship-web", await content("relationship-web"), [
    { viewed: -1, score: 0.56 },
  ]);
  await seedVisits(maya.id, "conflict", await content("conflict"), [{ viewed: 2, score: null }]);

  const context = await browser.newContext({
    viewport: PHONE,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    colorScheme: "light",
  });
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.getByLabel("Email address").fill(EMAIL);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/dashboard$/);
  mkdirSync(OUT_DIR, { recursive: true });
  await settle(page);
  const shots = [join(OUT_DIR, "phone-dashboard.png")];
  await page.screenshot({ path: shots[0] });

  // A module the learner has not started: Start opens the player on its first lesson.
  await page.goto(`${base}/modules/communication`);
  await page.getByRole("button", { name: "Start", exact: true }).click();
  await page.waitForURL(/\/attempts\/[0-9a-f]{24}\/play$/);
  await settle(page);
  shots.push(join(OUT_DIR, "phone-lesson.png"));
  await page.screenshot({ path: shots[1] });
  for (const shot of shots) console.log(`${shot} (${Math.round(statSync(shot).size / 1024)} KB)`);
  await context.close();
} finally {
  await browser.close();
  server.closeAllConnections();
  server.close();
  await close();
  await db.close();
  rmSync(dataDir, { recursive: true, force: true });
}
