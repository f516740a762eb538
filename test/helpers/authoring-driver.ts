import assert from "node:assert/strict";
import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { createUser } from "../../server/auth/create-user.ts";
import type { Role } from "../../server/auth/roles.ts";
import { Module } from "../../server/content/module-model.ts";
import type { ModuleContent, ModuleContentInput } from "../../server/content/module-schema.ts";
import { launchBrowser } from "./browser.ts";
import { startTestApp } from "./test-app.ts";

// Shared steps for the authoring UI tests: a real app on a real database, real Chromium, and
// people who sign in through /login like everyone else.

export const PASSWORD = "a long enough password";

export interface AuthoringRig {
  app: Awaited<ReturnType<typeof startTestApp>>;
  browser: Browser;
  stop(): Promise<void>;
}

export async function startAuthoringRig(testFileUrl: string): Promise<AuthoringRig> {
  const app = await startTestApp(testFileUrl);
  const browser = await launchBrowser();
  return {
    app,
    browser,
    async stop() {
      await browser.close();
      await app.stop();
    },
  };
}

/** A new account with `role`, signed in on a fresh page of `width` px. */
export async function signedInPage(
  rig: AuthoringRig,
  opts: { email: string; role?: Role; width?: number },
): Promise<Page> {
  await createUser({
    email: opts.email,
    displayName: opts.email.split("@")[0],
    password: PASSWORD,
    role: opts.role ?? "author",
  });
  const context = await rig.browser.newContext({
    viewport: { width: opts.width ?? 1280, height: 900 },
  });
  const page = await context.newPage();
  await page.goto(`${rig.app.baseUrl}/login`);
  await page.getByLabel("Email address").fill(opts.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/dashboard$/);
  return page;
}

/**
 * Script errors, CSP refusals and dialogs (an alert from injected markup) anywhere on the page.
 * Failed requests are left out: a 400 from an invalid save is part of several tests.
 */
export function watchForProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    const text = message.text();
    if (message.type() === "error" && !text.startsWith("Failed to load resource")) {
      problems.push(`console: ${text}`);
    }
  });
  page.on("dialog", (dialog) => {
    problems.push(`dialog: ${dialog.type()} ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
  return problems;
}

/**
 * Fills an editor field and waits until the editor's draft holds the value. Playwright's fill
 * selects the old text in one step and types (or presses Delete) in another; on a loaded CI
 * machine the keystroke was once lost between them, the draft kept its old value and the save
 * that followed had nothing to refuse. A lost keystroke is retried, so the test goes on to what
 * it is about.
 */
export async function fillEditorField(page: Page, selector: string, value: string): Promise<void> {
  const field = page.locator(selector);
  for (let attempt = 1; attempt <= 3; attempt++) {
    await field.fill(value);
    const held = await page
      .waitForFunction(
        ([sel, expected]) => {
          const el = document.querySelector<HTMLInputElement>(sel);
          const path = el?.dataset.path;
          const w = window as unknown as { RapportEditor?: { ctx: { draft: unknown } } };
          if (!el || !path || !w.RapportEditor) return false;
          let cur: unknown = w.RapportEditor.ctx.draft;
          for (const key of path.split(".")) cur = (cur as Record<string, unknown>)?.[key];
          return el.value === expected && cur === expected;
        },
        [selector, value] as const,
        { timeout: 2000 },
      )
      .then(
        () => true,
        () => false,
      );
    if (held) return;
  }
  assert.fail(`the editor's draft never took ${JSON.stringify(value)} from ${selector}`);
}

/** Waits until the editor has stored every change (and was not refused). */
export async function waitUntilSaved(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const w = window as unknown as { RapportEditor?: { saver: { unsaved: boolean } } };
    const status = document.getElementById("save-status");
    return status?.dataset.state === "saved" && w.RapportEditor?.saver.unsaved === false;
  });
  assert.equal(await page.locator("#save-status").textContent(), "All changes saved");
}

/**
 * A small valid draft with `lessonTitles.length` lessons and one single-choice quiz question,
 * which the assessment linter has nothing to say about.
 */
export function smallDraft(
  slug: string,
  lessonTitles: string[] = ["First lesson"],
): ModuleContentInput {
  return {
    slug,
    title: `Module ${slug}`,
    summary: "A module made for an authoring test.",
    topics: ["testing"],
    minutes: 10,
    passMark: 80,
    lessons: lessonTitles.map((title, i) => ({
      id: `lesson-${i + 1}`,
      title,
      minutes: 3,
      markdown: `Text of ${title}.`,
      checks: [],
    })),
    quiz: [
      {
        id: "q-1",
        type: "single",
        prompt: "Which one is right?",
        options: [
          { text: "This one", correct: true, feedback: "Yes: it is the one the lesson names." },
          { text: "That one", correct: false, feedback: "No, not that one." },
        ],
      },
    ],
    reflections: [],
  };
}

/** Stores a module straight into MongoDB, as if an author had created it earlier. */
export async function seedModule(draft: ModuleContentInput): Promise<void> {
  await Module.create({ slug: draft.slug, title: draft.title, draft, source: "authoring" });
}

export async function storedModule(slug: string) {
  const mod = await Module.findOne({ slug }).lean();
  assert.ok(mod, `module ${slug} exists`);
  return mod as Omit<typeof mod, "draft"> & { draft: ModuleContent };
}

/** No serious or critical axe violation on the page as it is now. */
export async function assertAccessible(page: Page, where: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  assert.deepEqual(
    serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    [],
    `no serious or critical axe violations on ${where}`,
  );
}

/** No axe violation of any impact at all (minor and moderate included). */
export async function assertNoViolations(page: Page, where: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  assert.deepEqual(
    violations.map(
      (v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
    ),
    [],
    `no axe violations on ${where}`,
  );
}
