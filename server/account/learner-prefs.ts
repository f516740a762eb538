import mongoose from "mongoose";
import { z } from "zod";
import { isDuplicateKey } from "../db/duplicate-key.ts";
import { parseOrThrow } from "../http/zod-fields.ts";
import { isTimeZone, nextOccurrence } from "../review/learner-days.ts";
import { LearnerPrefs } from "./learner-prefs-model.ts";

export const DAILY_REVIEW_DEFAULT = 10;
export const DAILY_REVIEW_MIN = 1;
export const DAILY_REVIEW_MAX = 50;
export const REMINDER_TIME_DEFAULT = "18:00";

/** What a learner has before they change anything; the zone is the install's (TIME_ZONE). */
export interface PrefsDefaults {
  timeZone: string;
}

export interface LearnerPrefsView {
  reminderTime: string | null;
  timeZone: string;
  dailyReviewSize: number;
  /** False until the learner has a stored settings document. */
  stored: boolean;
}

const oid = (id: string | mongoose.Types.ObjectId) =>
  typeof id === "string" ? new mongoose.Types.ObjectId(id) : id;

export function defaultPrefs(defaults: PrefsDefaults): LearnerPrefsView {
  return {
    reminderTime: REMINDER_TIME_DEFAULT,
    timeZone: defaults.timeZone,
    dailyReviewSize: DAILY_REVIEW_DEFAULT,
    stored: false,
  };
}

export async function prefsFor(
  userId: string | mongoose.Types.ObjectId,
  defaults: PrefsDefaults,
): Promise<LearnerPrefsView> {
  const doc = await LearnerPrefs.findOne({ userId: oid(userId) })
    .select("reminderTime timeZone dailyReviewSize")
    .lean();
  if (!doc) return defaultPrefs(defaults);
  return {
    reminderTime: doc.reminderTime ?? null,
    timeZone: isTimeZone(doc.timeZone) ? doc.timeZone : defaults.timeZone,
    dailyReviewSize: doc.dailyReviewSize,
    stored: true,
  };
}

/**
 * Makes sure a learner who has review cards has a settings document, so the reminder job can find
 * them; an existing one is never changed. Called from the learner's own pages.
 */
export async function ensurePrefs(
  userId: string | mongoose.Types.ObjectId,
  defaults: PrefsDefaults,
  now: Date,
): Promise<LearnerPrefsView> {
  const current = await prefsFor(userId, defaults);
  if (current.stored) return current;
  const fresh = defaultPrefs(defaults);
  try {
    await LearnerPrefs.collection.updateOne(
      { userId: oid(userId) },
      {
        $setOnInsert: {
          reminderTime: fresh.reminderTime,
          timeZone: fresh.timeZone,
          dailyReviewSize: fresh.dailyReviewSize,
          nextReminderAt: nextOccurrence(REMINDER_TIME_DEFAULT, fresh.timeZone, now),
          unsubscribedAt: null,
          createdAt: now,
          updatedAt: now,
        },
      },
      { upsert: true },
    );
  } catch (err) {
    // Two pages at once: the other request created it.
    if (!isDuplicateKey(err)) throw err;
  }
  return { ...fresh, stored: true };
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export const settingsInput = z
  .object({
    reminders: z.enum(["on", "off"], { error: "Choose whether to get reminders" }),
    reminderTime: z.string().trim().optional().default(""),
    timeZone: z
      .string({ error: "Choose your time zone" })
      .refine(isTimeZone, { message: "Choose a time zone from the list" }),
    dailyReviewSize: z.coerce
      .number({ error: "Enter a whole number" })
      .int("Enter a whole number")
      .min(DAILY_REVIEW_MIN, `Choose from ${DAILY_REVIEW_MIN} to ${DAILY_REVIEW_MAX} questions`)
      .max(DAILY_REVIEW_MAX, `Choose from ${DAILY_REVIEW_MIN} to ${DAILY_REVIEW_MAX} questions`),
  })
  .superRefine((v, ctx) => {
    if (v.reminders === "on" && !TIME.test(v.reminderTime)) {
      ctx.addIssue({
        code: "custom",
        path: ["reminderTime"],
        message: "Enter a time like 18:00",
      });
    }
  });

/** Saves the settings form; bad input is a ValidationError naming the field and changes nothing. */
export async function saveSettings(
  userId: string,
  input: unknown,
  now: Date,
): Promise<LearnerPrefsView> {
  const v = parseOrThrow(settingsInput, input);
  const reminderTime = v.reminders === "on" ? v.reminderTime : null;
  await LearnerPrefs.collection.updateOne(
    { userId: oid(userId) },
    {
      $set: {
        reminderTime,
        timeZone: v.timeZone,
        dailyReviewSize: v.dailyReviewSize,
        nextReminderAt: reminderTime ? nextOccurrence(reminderTime, v.timeZone, now) : null,
        updatedAt: now,
        ...(reminderTime ? { unsubscribedAt: null } : {}),
      },
      $setOnInsert: { createdAt: now },
    },
    { upsert: true },
  );
  return {
    reminderTime,
    timeZone: v.timeZone,
    dailyReviewSize: v.dailyReviewSize,
    stored: true,
  };
}

/** The unsubscribe link's action: reminders off, nothing else changed. */
export async function turnOffReminders(userId: string, now: Date): Promise<void> {
  await LearnerPrefs.collection.updateOne(
    { userId: oid(userId) },
    { $set: { reminderTime: null, nextReminderAt: null, unsubscribedAt: now, updatedAt: now } },
  );
}
