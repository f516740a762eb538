// Drives Rapport's learner player in a real browser: signs in through the UI, starts a module,
// answers any question rightly or wrongly from the module's own content, and waits for the
// player to report that everything reached the server.
import assert from "node:assert/strict";
import type { FrameLocator, Locator, Page } from "playwright-core";
import { createUser } from "../../server/auth/create-user.ts";
import { loadCourseLibrary } from "../../server/content/load-course-library.ts";
import {
  type ModuleContent,
  moduleContent,
  type Question,
} from "../../server/content/module-schema.ts";
import { ModuleVersion } from "../../server/content/module-version-model.ts";
import { createLogger } from "../../server/http/logger.ts";
import { Attempt } from "../../server/runtime/attempt-model.ts";

export const PLAYER_PASSWORD = "player test password";
const LETTERS = "abcdefghijklmnopqrstuvwxyz";

/** The bundle's document as the tests see it, framed (FrameLocator) or opened alone (Page). */
export type Scope = Pick<FrameLocator, "getByTestId" | "locator">;

/** Loads the starter library and returns the published content of one module. */
export async function publishedContent(slug: string): Promise<ModuleContent> {
  await loadCourseLibrary({ logger: createLogger("silent") });
  const version = await ModuleVersion.findOne({ slug }).sort({ version: -1 }).lean();
  assert.ok(version, `module ${slug} is published`);
  return moduleContent.parse(version.content);
}

export async function createLearner(email: string, displayName = email.split("@")[0] ?? "") {
  return createUser({ email, displayName, password: PLAYER_PASSWORD });
}

/** Signs in through the /login form, as a person would. */
export async function signIn(page: Page, baseUrl: string, email: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(PLAYER_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/dashboard$/);
}

export const scoFrame = (page: Page): FrameLocator => page.frameLocator("#sco-frame");

/** The title of the page the bundle shows, once it has rendered. */
export async function pageTitle(page: Page): Promise<string> {
  const title = scoFrame(page).getByTestId("page-title");
  await title.waitFor();
  return (await title.textContent()) ?? "";
}

/** Opens the module page from the catalog and presses its main button (Start / Resume / …). */
export async function openFromCatalog(
  page: Page,
  baseUrl: string,
  title: string,
  button: "Start" | "Resume" | "Review" | "Retake",
): Promise<string> {
  await page.goto(`${baseUrl}/catalog`);
  await page.getByRole("link", { name: title }).click();
  await page.waitForURL(/\/modules\/[a-z0-9-]+$/);
  if (button === "Retake") {
    // A retake asks first, on a page of its own.
    await page.getByRole("link", { name: "Retake", exact: true }).click();
    await page.waitForURL(/\/modules\/[a-z0-9-]+\/retake$/);
    await page.getByRole("button", { name: "Start the retake" }).click();
  } else await page.getByRole("button", { name: button, exact: true }).click();
  await page.waitForURL(/\/attempts\/[0-9a-f]{24}\/play$/);
  await scoFrame(page).getByTestId("page-title").waitFor();
  return attemptIdOf(page);
}

export function attemptIdOf(page: Page): string {
  const id = page.url().match(/\/attempts\/([0-9a-f]{24})\/play$/)?.[1];
  assert.ok(id, `on a player page (${page.url()})`);
  return id;
}

/**
 * Opens one of the bundle's pages by its key ("quiz", "lesson/<id>"), as its contents list does.
 * bundleUrl finds the bundle's frame: Rapport's player serves it under /bundles/. goTo renders the
 * page before it returns, so the page shows once this resolves.
 */
export async function openScoPage(page: Page, key: string, bundleUrl = /\/bundles\//) {
  const bundle = page.frame({ url: bundleUrl });
  assert.ok(bundle, "the bundle is framed");
  await bundle.evaluate(
    (to) => (window as unknown as { RapportSco: { goTo(key: string): void } }).RapportSco.goTo(to),
    key,
  );
}

/** Clicks Next and returns the new page title. */
export async function next(page: Page): Promise<string> {
  const frame = scoFrame(page);
  const before = await pageTitle(page);
  await frame.getByTestId("next").click();
  await frame.getByTestId("page-title").filter({ hasNotText: before }).waitFor();
  return pageTitle(page);
}

/** What the host keeps in localStorage until the server acknowledges it (null when nothing). */
export async function pendingSnapshot(
  page: Page,
): Promise<{ seq: number; cmi: Record<string, unknown> } | null> {
  return page.evaluate(() => {
    const key = (window as unknown as { RapportPlayer: { pendingKey: string } }).RapportPlayer
      .pendingKey;
    const raw = localStorage.getItem(key);
    return raw ? JSON.parse(raw) : null;
  });
}

export async function saveStatus(page: Page): Promise<{ state: string; text: string }> {
  const el = page.locator("#save-status");
  return {
    state: (await el.getAttribute("data-state")) ?? "",
    text: ((await el.textContent()) ?? "").trim(),
  };
}

/** Waits until the server acknowledged the newest snapshot: nothing pending, status "saved". */
export async function waitUntilSaved(page: Page, timeout = 10_000): Promise<void> {
  await page.waitForFunction(
    () => {
      const player = (window as unknown as { RapportPlayer?: { pendingKey: string } })
        .RapportPlayer;
      const status = document.getElementById("save-status");
      return (
        player !== undefined &&
        localStorage.getItem(player.pendingKey) === null &&
        status?.dataset.state === "saved"
      );
    },
    undefined,
    { timeout },
  );
  assert.equal((await saveStatus(page)).text, "All progress saved.");
}

export function readAttempt(attemptId: string) {
  return Attempt.findById(attemptId).lean();
}

/** Polls until `check` returns a truthy value (or fails with the last value seen). */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T>,
  check: (value: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await probe();
  while (!check(value)) {
    if (Date.now() > deadline) {
      assert.fail(`${what}: still not true after ${timeoutMs} ms (last: ${JSON.stringify(value)})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await probe();
  }
  return value;
}

/** SCORM 2004 scaled score exactly as the bundle reports it (4 decimals). */
export const scaledScore = (correct: number, total: number) =>
  Math.round((correct / total) * 10000) / 10000;

// --- answering questions

const correctLetters = (options: { correct: boolean }[]) =>
  options.flatMap((o, i) => (o.correct ? [LETTERS[i] ?? ""] : []));
const wrongLetter = (options: { correct: boolean }[]) =>
  LETTERS[options.findIndex((o) => !o.correct)] ?? "";

/** The learner's current order of an ordering question: the letters of the items, top first. */
async function shownOrder(scope: Scope, questionId: string): Promise<string[]> {
  const ids = await scope
    .locator(`[data-testid^="q-${questionId}-item-"]`)
    .evaluateAll((items) => items.map((item) => item.getAttribute("data-testid") ?? ""));
  return ids.map((id) => id.slice(-1));
}

async function sortOrdering(scope: Scope, questionId: string, count: number) {
  for (let target = 0; target < count; target++) {
    const letter = LETTERS[target] ?? "";
    const order = await shownOrder(scope, questionId);
    for (let at = order.indexOf(letter); at > target; at--) {
      await scope.getByTestId(`q-${questionId}-up-${letter}`).click();
    }
  }
}

/**
 * Answers one question through the bundle's UI: rightly, or wrongly in a way the grader must
 * mark wrong (the one wrong option, the opposite truth value, a rotated matching, an unsorted
 * order). Likert statements get the middle of the scale.
 */
export async function answerQuestion(scope: Scope, q: Question, correctly: boolean) {
  const id = q.id;
  switch (q.type) {
    case "single":
    case "scenario": {
      const letter = correctly ? correctLetters(q.options)[0] : wrongLetter(q.options);
      await scope.getByTestId(`q-${id}-${letter}`).check();
      return;
    }
    case "multiple": {
      const wanted = correctly ? correctLetters(q.options) : [wrongLetter(q.options)];
      for (const [i] of q.options.entries()) {
        const box = scope.getByTestId(`q-${id}-${LETTERS[i]}`);
        await box.setChecked(wanted.includes(LETTERS[i] ?? ""));
      }
      return;
    }
    case "true-false": {
      const truth = correctly ? q.answer : !q.answer;
      await scope.getByTestId(`q-${id}-${truth ? "t" : "f"}`).check();
      return;
    }
    case "ordering": {
      if (correctly) {
        await sortOrdering(scope, id, q.items.length);
      } else {
        const order = await shownOrder(scope, id);
        // Shown shuffled, so usually already wrong; if it happens to be right, swap the top two.
        if (order.join("") === LETTERS.slice(0, q.items.length)) {
          await scope.getByTestId(`q-${id}-down-a`).click();
        }
      }
      return;
    }
    case "matching": {
      const n = q.pairs.length;
      for (let i = 0; i < n; i++) {
        const letter = LETTERS[correctly ? i : (i + 1) % n] ?? "";
        await scope.getByTestId(`q-${id}-match-${i + 1}`).selectOption(letter);
      }
      return;
    }
    case "likert": {
      const middle = Math.ceil(q.scale.length / 2);
      for (const s of q.statements) await scope.getByTestId(`q-${id}-${s.id}-${middle}`).check();
      return;
    }
  }
}

/**
 * Shows one question of a one-per-screen sequence (a lesson's checks: prefix "check"; the final
 * quiz: "quiz"; its review: "review"), stepping with Next question / Previous question.
 */
export async function showQuestion(scope: Scope, prefix: string, questionId: string) {
  const target = scope.getByTestId(`q-${questionId}`);
  for (let guard = 0; guard < 40 && !(await target.isVisible()); guard++) {
    const nextButton = scope.getByTestId(`${prefix}-next`);
    if (await nextButton.isVisible()) await nextButton.click();
    else await scope.getByTestId(`${prefix}-prev`).click();
  }
  await target.waitFor();
}

/** Answers a lesson's knowledge check (showing it first) and presses its Check button. */
export async function answerCheck(scope: Scope, q: Question, correctly: boolean) {
  await showQuestion(scope, "check", q.id);
  await answerQuestion(scope, q, correctly);
  await scope.getByTestId(`check-${q.id}`).click();
  const feedback = scope.getByTestId(`feedback-${q.id}`);
  await feedback.filter({ hasText: /\S/ }).waitFor();
}

/** The bundle's feedback line for a question ("Correct." / "Not quite. …"). */
export function feedbackOf(scope: Scope, questionId: string): Locator {
  return scope.getByTestId(`feedback-${questionId}`);
}

/**
 * Answers the final quiz's questions one screen at a time, checking that each screen shows one
 * question under "Question i of n", and stops on the last, before submitting.
 */
export async function answerQuiz(
  scope: Scope,
  quiz: readonly Question[],
  wrong: ReadonlySet<string> = new Set(),
) {
  const step = scope.getByTestId("quiz-step");
  for (const [i, q] of quiz.entries()) {
    await step.filter({ hasText: `Question ${i + 1} of ${quiz.length}` }).waitFor();
    assert.equal(await scope.locator(".sco-question").count(), 1, "one question per screen");
    await answerQuestion(scope, q, !wrong.has(q.id));
    if (i < quiz.length - 1) await scope.getByTestId("quiz-next").click();
  }
}

/**
 * Answers the final quiz (the quiz page must be showing) so that the questions whose ids are in
 * `wrong` are answered wrongly, submits, and returns how many graded answers are right.
 */
export async function takeQuiz(
  page: Page,
  content: ModuleContent,
  wrong: ReadonlySet<string> = new Set(),
): Promise<{ correct: number; total: number }> {
  const frame = scoFrame(page);
  assert.equal(await pageTitle(page), "Final quiz");
  await answerQuiz(frame, content.quiz, wrong);
  await frame.getByTestId("quiz-submit").click();
  await frame.getByTestId("quiz-result").waitFor();
  const graded = content.quiz.filter((q) => q.type !== "likert");
  return { correct: graded.filter((q) => !wrong.has(q.id)).length, total: graded.length };
}
