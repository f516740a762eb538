// npm run icons
// Rasterises the app's icons from their SVG sources in public/icons/ with the Chromium that the
// browser tests use (playwright-core, a dev dependency): the PNGs are committed, so a server never
// needs a browser. Run it after editing icon.svg or icon-maskable.svg.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { REPO_ROOT } from "../config.ts";

const ICONS_DIR = join(REPO_ROOT, "public", "icons");

/** Each PNG the web app manifest and the layout name, and the SVG it is drawn from. */
export const ICON_RENDERS = [
  { svg: "icon.svg", png: "icon-192.png", size: 192 },
  { svg: "icon.svg", png: "icon-512.png", size: 512 },
  { svg: "icon.svg", png: "apple-touch-icon.png", size: 180 },
  { svg: "icon-maskable.svg", png: "icon-maskable-512.png", size: 512 },
] as const;

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu"],
  });
  try {
    for (const icon of ICON_RENDERS) {
      const svg = await readFile(join(ICONS_DIR, icon.svg), "utf8");
      const page = await browser.newPage({
        viewport: { width: icon.size, height: icon.size },
        deviceScaleFactor: 1,
      });
      const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
      await page.setContent(
        `<body style="margin:0;background:transparent"><img src="${src}" width="${icon.size}" height="${icon.size}" style="display:block"></body>`,
      );
      await page.locator("img").evaluate((img: HTMLImageElement) => img.decode());
      const png = await page.screenshot({ omitBackground: true, type: "png" });
      await writeFile(join(ICONS_DIR, icon.png), png);
      await page.close();
      console.log(`public/icons/${icon.png}  ${icon.size}×${icon.size}  ${png.length} bytes`);
    }
  } finally {
    await browser.close();
  }
}

await main();
