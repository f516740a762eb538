import { createHash, randomBytes } from "node:crypto";
import mongoose from "mongoose";
import { z } from "zod";
import { newUserInput } from "../auth/create-user.ts";
import { passwordProblem } from "../auth/password-policy.ts";
import { hashPassword } from "../auth/passwords.ts";
import { User } from "../auth/user-model.ts";
import { isDuplicateKey } from "../db/duplicate-key.ts";
import { HttpError, ValidationError } from "../http/http-errors.ts";
import { parseOrThrow } from "../http/zod-fields.ts";
import type { Mailer } from "../mail/mailer.ts";
import { resetMail } from "./password-reset-mail.ts";
import { PasswordReset, ResetQuota } from "./password-reset-model.ts";

export const RESET_LINK_LIFETIME_MS = 60 * 60_000;
/** Links sent to one account per clock hour; more requests are answered the same, send nothing. */
export const RESET_LINKS_PER_HOUR = 3;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export const forgotInput = z.object({ email: newUserInput.shape.email });

export type ResetRequestOutcome = "sent" | "no-account" | "too-many";

/**
 * Sends a reset link if the email belongs to an active account. The caller answers the same way
 * whatever this returns (and runs it after answering), so nobody learns which emails have accounts.
 */
export async function requestPasswordReset(input: {
  email: string;
  now: Date;
  mailer: Mailer;
  publicUrl: string;
}): Promise<ResetRequestOutcome> {
  const email = input.email.trim().toLowerCase();
  const user = await User.findOne({ email }).select("email displayName disabled").lean();
  if (!user || user.disabled) return "no-account";
  if (!(await takeResetQuota(user._id, input.now))) return "too-many";
  const token = randomBytes(32).toString("base64url");
  await PasswordReset.collection.insertOne({
    tokenHash: hashToken(token),
    userId: user._id,
    createdAt: input.now,
    expiresAt: new Date(input.now.getTime() + RESET_LINK_LIFETIME_MS),
    usedAt: null,
  });
  await input.mailer.send(
    resetMail({
      to: user.email,
      name: user.displayName,
      url: `${input.publicUrl}/reset-password/${token}`,
    }),
  );
  return "sent";
}

/** One link's worth of the account's hourly quota; false once the hour's links are used up. */
async function takeResetQuota(userId: mongoose.Types.ObjectId, now: Date): Promise<boolean> {
  const hour = Math.floor(now.getTime() / 3_600_000);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const quota = await ResetQuota.collection.findOneAndUpdate(
        { userId, hour, sent: { $lt: RESET_LINKS_PER_HOUR } },
        { $inc: { sent: 1 } },
        { upsert: true, returnDocument: "after", projection: { _id: 1 } },
      );
      return quota !== null;
    } catch (err) {
      // Full: the filter missed and the upsert hit the unique (userId, hour). Or two first
      // requests of the hour raced to create it: the loser tries once more.
      if (!isDuplicateKey(err)) throw err;
      const full = await ResetQuota.exists({ userId, hour, sent: { $gte: RESET_LINKS_PER_HOUR } });
      if (full) return false;
    }
  }
  return false;
}

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** Whether a link still works (not used, not expired): the reset page asks before showing the form. */
export async function resetLinkWorks(token: string, now: Date): Promise<boolean> {
  if (!TOKEN.test(token)) return false;
  const found = await PasswordReset.exists({
    tokenHash: hashToken(token),
    usedAt: null,
    expiresAt: { $gt: now },
  });
  return found !== null;
}

export const LINK_DOES_NOT_WORK =
  "This reset link has expired or has already been used. Ask for a new one below.";

export const resetInput = z
  .object({
    password: newUserInput.shape.password,
    confirm: z.string({ error: "Enter the new password again" }),
  })
  .refine((v) => v.password === v.confirm, {
    path: ["confirm"],
    message: "The two passwords are different",
  });

/**
 * Sets a new password through a reset link. The link is used up by one conditional update
 * (a second use, or two at once, finds nothing); then the password changes, every other link for
 * the account stops working, and every session signed in to the account ends.
 */
export async function resetPassword(input: {
  token: string;
  body: unknown;
  now: Date;
}): Promise<{ userId: string }> {
  const { password } = parseOrThrow(resetInput, input.body);
  if (!TOKEN.test(input.token)) throw new HttpError(410, LINK_DOES_NOT_WORK);
  const live = { tokenHash: hashToken(input.token), usedAt: null, expiresAt: { $gt: input.now } };
  // The same password rules as registration, including "not your email": read who it is for first.
  const found = await PasswordReset.findOne(live).select("userId").lean();
  const user = found ? await User.findById(found.userId).select("email").lean() : null;
  if (!user) throw new HttpError(410, LINK_DOES_NOT_WORK);
  const problem = passwordProblem(password, user.email);
  if (problem) throw new ValidationError({ password: problem });
  const link = await PasswordReset.collection.findOneAndUpdate(
    live,
    { $set: { usedAt: input.now } },
    { returnDocument: "after", projection: { userId: 1 } },
  );
  if (!link) throw new HttpError(410, LINK_DOES_NOT_WORK);
  const userId = link.userId as mongoose.Types.ObjectId;
  await User.updateOne({ _id: userId }, { $set: { passwordHash: await hashPassword(password) } });
  await PasswordReset.collection.updateMany(
    { userId, usedAt: null },
    { $set: { usedAt: input.now } },
  );
  await endSessionsOf(userId.toString());
  return { userId: userId.toString() };
}

/**
 * Deletes every stored session signed in as this user. connect-mongo keeps each session as its
 * JSON text, where passport writes the user id as "passport":{"user":"<id>"}.
 */
export async function endSessionsOf(userId: string): Promise<number> {
  if (!/^[0-9a-f]{24}$/.test(userId)) return 0;
  const sessions = mongoose.connection.collection("sessions");
  const res = await sessions.deleteMany({
    session: { $regex: `"passport":\\{"user":"${userId}"\\}` },
  });
  return res.deletedCount;
}
