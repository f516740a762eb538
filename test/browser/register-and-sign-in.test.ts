import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser } from "playwright-core";
import { launchBrowser } from "../helpers/browser.ts";
import { startTestApp } from "../helpers/test-app.ts";

let app: Awaited<ReturnType<typeof startTestApp>>;
let browser: Browser;
before(async () => {
  app = await startTestApp(import.meta.url);
  browser = await launchBrowser();
});
after(async () => {
  await browser.close();
  await app.stop();
});

test("a visitor registers, signs out, signs in again and sees the dashboard", async () => {
  const page = await browser.newPage();
  await page.goto(`${app.baseUrl}/register`);
  await page.getByLabel("Your name").fill("Rosa");
  await page.getByLabel("Email address").fill("rosa@example.com");
  await page.getByLabel("Password").fill("a long enough password");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(/\/dashboard$/);
  assert.equal(await page.getByRole("heading", { level: 1 }).textContent(), "My learning");
  assert.match((await page.locator("main").textContent()) ?? "", /Welcome, Rosa/);

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/login$/);
  await page.getByLabel("Email address").fill("rosa@example.com");
  await page.getByLabel("Password").fill("a long enough password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/dashboard$/);
  assert.match((await page.locator("main").textContent()) ?? "", /Welcome, Rosa/);
  await page.close();
});

test("a form error is announced and focused", async () => {
  const page = await browser.newPage();
  await page.goto(`${app.baseUrl}/register`);
  await page.getByLabel("Your name").fill("Tom");
  await page.getByLabel("Email address").fill("not an email");
  await page.getByLabel("Password").fill("a long enough password");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForSelector("[data-error-summary]");
  // The deferred script moves focus after parsing; wait for it rather than racing it.
  await page.waitForFunction(
    () => document.activeElement?.hasAttribute("data-error-summary"),
    null,
    {
      timeout: 5000,
    },
  );
  assert.match((await page.locator("[data-error-summary]").textContent()) ?? "", /valid email/);
  const field = page.getByLabel("Email address");
  assert.equal(await field.getAttribute("aria-invalid"), "true");
  await page.close();
});
