import { once } from "node:events";
import type { Writable } from "node:stream";
import { User } from "../auth/user-model.ts";
import { Module } from "../content/module-model.ts";
import { readInPages } from "../db/read-in-pages.ts";
import { notFound } from "../http/http-errors.ts";
import { Attempt } from "../runtime/attempt-model.ts";
import { presentAttempt } from "../runtime/present-attempt.ts";

const HEADER = [
  "learner_email",
  "learner_name",
  "attempt",
  "version",
  "status",
  "progress_percent",
  "score_percent",
  "time_seconds",
  "started_at",
  "last_commit_at",
];
/** Rows are written a page at a time; each page looks up its learners in one query. */
const PAGE = 500;
const ATTEMPT_FIELDS =
  "userId slug version number seq completionRank successRank scoreScaled progressMeasure sessionSeconds createdAt lastCommitAt";

/** RFC 4180 quoting, and a leading quote on anything a spreadsheet would run as a formula. */
export function csvCell(value: unknown): string {
  // A number is never a formula; written as is, a negative one stays a number in a spreadsheet.
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  let text = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const line = (cells: unknown[]) => `${cells.map(csvCell).join(",")}\r\n`;

/** Finds the module first, so a wrong slug is a 404 before any byte is sent. */
export async function moduleForCsv(slug: string) {
  const mod = await Module.findOne({ slug }).select("_id").lean();
  if (!mod) throw notFound("Module");
  return mod._id;
}

/**
 * One row per attempt at the module, in the order they were started, read a page at a time on
 * the (moduleId, _id) index: memory stays flat however many attempts there are, and writing
 * waits whenever the client reads slower than the database.
 */
export async function writeAttemptsCsv(
  moduleId: Awaited<ReturnType<typeof moduleForCsv>>,
  out: Writable,
): Promise<void> {
  out.write(line(HEADER));
  for await (const page of readInPages(Attempt, { moduleId }, ATTEMPT_FIELDS, PAGE)) {
    const attempts = page as unknown as CsvAttempt[];
    const ids = [...new Set(attempts.map((a) => String(a.userId)))];
    const users = await User.find({ _id: { $in: ids } })
      .select("email displayName")
      .lean();
    const byId = new Map(users.map((u) => [u._id.toString(), u]));
    let text = "";
    for (const a of attempts) {
      const view = presentAttempt(a);
      const user = byId.get(String(a.userId));
      text += line([
        user?.email,
        user?.displayName,
        a.number,
        a.version,
        view.status,
        view.progressPercent,
        view.scorePercent,
        view.totalSeconds,
        a.createdAt?.toISOString(),
        a.lastCommitAt?.toISOString(),
      ]);
    }
    if (!out.write(text)) await once(out, "drain");
  }
}

type CsvAttempt = Parameters<typeof presentAttempt>[0] & {
  userId: unknown;
  createdAt?: Date;
  lastCommitAt?: Date | null;
};
