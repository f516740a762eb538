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

/** RFC 4180 quoting, and a leading quote on anything a spreadsheet would run as a formula. */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One row per attempt at the module, for spreadsheets. */
export async function attemptsCsv(slug: string): Promise<string> {
  const mod = await Module.findOne({ slug }).select("_id").lean();
  if (!mod) throw notFound("Module");
  const attempts = await Attempt.find({ moduleId: mod._id })
    .select("-suspendData -interactions")
    .sort({ createdAt: 1 })
    .lean();
  const users = await User.find({
    _id: { $in: [...new Set(attempts.map((a) => a.userId.toString()))] },
  })
    .select("email displayName")
    .lean();
  const byId = new Map(users.map((u) => [u._id.toString(), u]));
  const rows = attempts.map((a) => {
    const view = presentAttempt(a);
    const user = byId.get(a.userId.toString());
    return [
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
    ];
  });
  return `${[HEADER, ...rows].map((r) => r.map(csvCell).join(",")).join("\r\n")}\r\n`;
}
