import { once } from "node:events";
import type { Writable } from "node:stream";
import { User } from "../auth/user-model.ts";
import { Module } from "../content/module-model.ts";
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
/** Rows are written in batches; each batch looks up its learners in one query. */
const BATCH = 500;

/** RFC 4180 quoting, and a leading quote on anything a spreadsheet would run as a formula. */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const line = (cells: unknown[]) => `${cells.map(csvCell).join(",")}\r\n`;

/** Finds the module first, so a wrong slug is a 404 before any byte is sent. */
export async function moduleForCsv(slug: string) {
  const mod = await Module.findOne({ slug }).select("_id").lean();
  if (!mod) throw notFound("Module");
  return mod._id;
}

/**
 * One row per attempt at the module, in the order they were started, streamed from a cursor on
 * the (moduleId, _id) index: memory stays flat however many attempts there are, and writing
 * waits whenever the client reads slower than the database.
 */
export async function writeAttemptsCsv(
  moduleId: Awaited<ReturnType<typeof moduleForCsv>>,
  out: Writable,
): Promise<void> {
  out.write(line(HEADER));
  const cursor = Attempt.find({ moduleId })
    .sort({ _id: 1 })
    .select("-suspendData -interactions")
    .lean()
    .batchSize(BATCH)
    .cursor();
  let batch: Awaited<ReturnType<typeof cursor.next>>[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const ids = [...new Set(batch.map((a) => a?.userId.toString()))];
    const users = await User.find({ _id: { $in: ids } })
      .select("email displayName")
      .lean();
    const byId = new Map(users.map((u) => [u._id.toString(), u]));
    let text = "";
    for (const a of batch) {
      if (!a) continue;
      const view = presentAttempt(a);
      const user = byId.get(a.userId.toString());
      text += line([
        user?.email,
        user?.displayName,
        a.number,
        a.version,
        view.status,
        view.progressPercent,
        view.scorePercent,
        view.totalSeconds,
        (a as { createdAt?: Date }).createdAt?.toISOString(),
        a.lastCommitAt?.toISOString(),
      ]);
    }
    batch = [];
    if (!out.write(text)) await once(out, "drain");
  };
  for await (const attempt of cursor) {
    batch.push(attempt);
    if (batch.length >= BATCH) await flush();
  }
  await flush();
}
