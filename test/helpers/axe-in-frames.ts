import assert from "node:assert/strict";
import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";

type AxeResults = Awaited<ReturnType<AxeBuilder["analyze"]>>;

/** Rules that passed on nodes inside a frame (their target is [frame selector, selector inside]). */
const framedPasses = (result: AxeResults) =>
  result.passes.filter((r) => r.nodes.some((n) => n.target.length > 1)).length;

/**
 * Runs axe on a page whose module plays in a frame, and proves it looked inside that frame. axe
 * reaches a frame by messages with a timeout; on a loaded machine a frame can miss it and be
 * left out without an error, so a run that did not look inside is made again (up to three runs).
 */
export async function analyzeWithFrame(page: Page, where: string): Promise<AxeResults> {
  let result = await new AxeBuilder({ page }).analyze();
  for (let run = 2; run <= 3 && framedPasses(result) <= 10; run++) {
    result = await new AxeBuilder({ page }).analyze();
  }
  assert.ok(framedPasses(result) > 10, `axe looked inside the bundle on ${where}`);
  return result;
}
