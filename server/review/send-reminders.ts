import type mongoose from "mongoose";
import { LearnerPrefs } from "../account/learner-prefs-model.ts";
import { User } from "../auth/user-model.ts";
import { isDuplicateKey } from "../db/duplicate-key.ts";
import type { Logger } from "../http/logger.ts";
import type { Mailer } from "../mail/mailer.ts";
import { dayBounds, isTimeZone, nextOccurrence } from "./learner-days.ts";
import { reminderMail } from "./reminder-mail.ts";
import { ReviewDay } from "./review-day-model.ts";
import { SentReminder } from "./sent-reminder-model.ts";
import { currentStreak } from "./streak.ts";
import { dueTodayCount } from "./todays-review.ts";
import { unsubscribeUrl } from "./unsubscribe-link.ts";

export const REMINDER_BATCH = 100;
/** Learners of a batch handled at once: each is a handful of small reads and writes and a send. */
const CONCURRENCY = 8;
/** Batches per run: a run reaches 10,000 learners, the next run continues. */
const MAX_BATCHES = 100;
/** A reminder more than this late (the app was down) is skipped, not sent in the small hours. */
const STALE_AFTER_MS = 6 * 60 * 60_000;
/** After a failed send, the learner is looked at again this much later. */
const RETRY_AFTER_MS = 5 * 60_000;

export interface ReminderDeps {
  mailer: Mailer;
  publicUrl: string;
  secret: string;
  logger: Logger;
}

export type ReminderOutcome =
  | "sent"
  | "already-sent"
  | "nothing-due"
  | "reviewed-today"
  | "stale"
  | "no-account"
  | "failed";

interface DuePrefs {
  _id: mongoose.Types.ObjectId;
  userId: mongoose.Types.ObjectId;
  reminderTime: string | null;
  timeZone: string;
  dailyReviewSize: number;
  nextReminderAt: Date;
}

/** Moves the learner's next look to their reminder time tomorrow (unless they changed it since). */
async function advance(p: DuePrefs, now: Date, next?: Date): Promise<void> {
  const zone = isTimeZone(p.timeZone) ? p.timeZone : "UTC";
  const at = next ?? (p.reminderTime ? nextOccurrence(p.reminderTime, zone, now) : null);
  await LearnerPrefs.collection.updateOne(
    { _id: p._id, nextReminderAt: p.nextReminderAt },
    { $set: { nextReminderAt: at } },
  );
}

/**
 * One learner whose reminder time has come. The unique (userId, day) marker is taken before the
 * mail is sent, so two processes looking at the same learner at once send one mail; if sending
 * fails, the marker is given back and the learner is tried again a few minutes later.
 */
export async function remindLearner(
  p: DuePrefs,
  now: Date,
  deps: ReminderDeps,
): Promise<ReminderOutcome> {
  if (now.getTime() - p.nextReminderAt.getTime() > STALE_AFTER_MS) {
    await advance(p, now);
    return "stale";
  }
  const user = await User.findById(p.userId).select("email displayName disabled").lean();
  if (!user || user.disabled) {
    await advance(p, now);
    return "no-account";
  }
  const zone = isTimeZone(p.timeZone) ? p.timeZone : "UTC";
  const { day } = dayBounds(now, zone);
  const today = await ReviewDay.findOne({ userId: p.userId, day }).select("finishedAt").lean();
  if (today?.finishedAt) {
    await advance(p, now);
    return "reviewed-today";
  }
  const due = await dueTodayCount(p.userId, now, zone, p.dailyReviewSize);
  if (due === 0) {
    await advance(p, now);
    return "nothing-due";
  }
  try {
    await SentReminder.collection.insertOne({ userId: p.userId, day, sentAt: now });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    await advance(p, now);
    return "already-sent";
  }
  const { streak } = await currentStreak(p.userId, now, zone);
  const userId = p.userId.toString();
  try {
    await deps.mailer.send(
      reminderMail({
        to: user.email,
        name: user.displayName,
        due,
        streak,
        publicUrl: deps.publicUrl,
        unsubscribeUrl: unsubscribeUrl(deps.publicUrl, userId, deps.secret),
      }),
    );
  } catch (err) {
    deps.logger.warn({ err, userId }, "review reminder not sent; will retry");
    await SentReminder.collection.deleteOne({ userId: p.userId, day });
    await advance(p, now, new Date(now.getTime() + RETRY_AFTER_MS));
    return "failed";
  }
  await advance(p, now);
  return "sent";
}

/** The reminder job's run: every learner whose reminder time has come, oldest first, in batches. */
export async function sendDueReminders(
  deps: ReminderDeps,
  ctx: { now: () => Date; stillMine?: () => Promise<boolean>; stopping?: () => boolean },
): Promise<Record<ReminderOutcome, number>> {
  const counts: Record<ReminderOutcome, number> = {
    sent: 0,
    "already-sent": 0,
    "nothing-due": 0,
    "reviewed-today": 0,
    stale: 0,
    "no-account": 0,
    failed: 0,
  };
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const now = ctx.now();
    const due = (await LearnerPrefs.collection
      .find({ nextReminderAt: { $lte: now } })
      .sort({ nextReminderAt: 1 })
      .limit(REMINDER_BATCH)
      .toArray()) as unknown as DuePrefs[];
    let next = 0;
    const worker = async () => {
      while (next < due.length && !ctx.stopping?.()) {
        const p = due[next++] as DuePrefs;
        counts[await remindLearner(p, ctx.now(), deps)]++;
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    if (ctx.stopping?.()) return counts;
    if (due.length < REMINDER_BATCH) break;
    if (ctx.stillMine && !(await ctx.stillMine())) break;
  }
  if (counts.sent || counts.failed) deps.logger.info({ reminders: counts }, "review reminders");
  return counts;
}
