import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { ModuleContent } from "../../server/content/module-schema.ts";
import {
  isGraded,
  type LmsLog,
  launchInLms,
  leaveSco,
  lmsLog,
  playModule,
} from "../helpers/lms-host.ts";
import {
  type PackagesInLms,
  packagesInLms,
  starterModule,
} from "../helpers/starter-packages-in-lms.ts";

// Issue #12: Moodle regrades a SCORM 1.2 attempt whenever cmi.core.score.raw or
// cmi.core.lesson_status is stored, each time with whatever the other one holds then. A SCO that
// set the score while the status still said "completed" left a failed learner with full marks. So
// the order of every SetValue and Commit is recorded by a scorm-again 1.2 LMS while a learner
// fails the exported package's quiz: the status a regrade sees must be "failed" whenever the score
// is there, and "completed" or "passed" must never be set at all.

const SLUG = "managing-up";
const STATUS = "cmi.core.lesson_status";
const SCORE = "cmi.core.score.raw";

let lms: PackagesInLms;
let content: ModuleContent;

before(async () => {
  content = starterModule(SLUG);
  lms = await packagesInLms(content, ["scorm12"]);
});

after(async () => {
  await lms?.close();
});

/** The values an LMS regrading at each SetValue would hold, in order, per commit. */
function commitsOf(log: LmsLog) {
  const commits: { values: Map<string, string>; order: string[] }[] = [];
  const values = new Map<string, string>();
  let order: string[] = [];
  for (const call of log.calls) {
    if (call.method === "set" && call.result === "true" && call.element) {
      values.set(call.element, call.value ?? "");
      order.push(call.element);
    }
    if (call.method === "commit" || call.method === "terminate") {
      commits.push({ values: new Map(values), order });
      order = [];
    }
  }
  return commits;
}

describe("a learner who fails a SCORM 1.2 package", () => {
  it("is graded failed with the score at every regrade, and is never set completed or passed", async () => {
    const graded = content.quiz.filter(isGraded);
    // One right answer short of the pass mark, so the score is well above zero.
    const right = Math.ceil((content.passMark * graded.length) / 100) - 1;
    assert.ok(right > 0);
    const wrong = new Set(graded.slice(right).map((q) => q.id));
    const session = await launchInLms(lms.browser, lms.host, "scorm12");
    await playModule(session.frame, content, { wrong, reflection: "Ask Hana on Monday." });
    await leaveSco(session.page);
    const log = await lmsLog(session.page);
    const score = String(Math.round((right / graded.length) * 10000) / 100);

    const statuses = log.calls.filter((c) => c.method === "set" && c.element === STATUS);
    assert.ok(statuses.length > 0, "the status is reported");
    assert.deepEqual(
      statuses.filter((c) => c.value === "completed" || c.value === "passed"),
      [],
      "no completed or passed for a failed quiz",
    );
    assert.deepEqual([...new Set(statuses.map((c) => c.value))], ["incomplete", "failed"]);

    // Replay every SetValue as Moodle stores it: whenever the score or the status is stored, the
    // grade is recalculated from the pair it then holds.
    const held = new Map<string, string>();
    const regrades: string[] = [];
    for (const call of log.calls) {
      if (call.method !== "set" || call.result !== "true" || !call.element) continue;
      held.set(call.element, call.value ?? "");
      if ((call.element === SCORE || call.element === STATUS) && held.has(SCORE)) {
        regrades.push(`${held.get(STATUS)} ${held.get(SCORE)}`);
      }
    }
    assert.ok(regrades.length >= 2, "the score and the status are both set after it");
    assert.deepEqual([...new Set(regrades)], [`failed ${score}`], "every regrade sees failed");

    // The commit that first carries the score sets the status after it, and so does every
    // commit up to the last, which carries failed with the score.
    const commits = commitsOf(log);
    const first = commits.find((c) => c.order.includes(SCORE));
    assert.ok(first, "a commit carries the score");
    assert.ok(first.order.lastIndexOf(STATUS) > first.order.lastIndexOf(SCORE));
    const last = commits.at(-1);
    assert.equal(last?.values.get(STATUS), "failed");
    assert.equal(last?.values.get(SCORE), score);
    const stored = log.stored?.core as Record<string, unknown> & { score: { raw: string } };
    assert.equal(stored.lesson_status, "failed");
    assert.equal(stored.score.raw, score);
    assert.deepEqual(log.rejected, []);
    assert.deepEqual(session.problems, []);
    await session.close();
  });
});
