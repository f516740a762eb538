import mongoose from "mongoose";
import { isDuplicateKey } from "../db/duplicate-key.ts";
import { parseOrThrow } from "../http/zod-fields.ts";
import { adminExists, createUser, newUserInput, type PresentedUser } from "./create-user.ts";

const FLAGS = "app_flags";
const FIRST_ADMIN = "first-admin";

/**
 * The /setup action: makes the first admin, once. Two people submitting at the same moment
 * cannot both become admin: a unique flag document is claimed (after the input is known to be
 * valid, so a typo never locks setup) and released again only if the account could not be made.
 * Returns null when setup is already done.
 */
export async function createFirstAdmin(
  input: Record<string, unknown>,
): Promise<PresentedUser | null> {
  if (await adminExists()) return null;
  parseOrThrow(newUserInput, { ...input, role: "admin" });
  const flags = mongoose.connection.collection<{ _id: string; at: Date }>(FLAGS);
  try {
    await flags.insertOne({ _id: FIRST_ADMIN, at: new Date() });
  } catch (err) {
    if (isDuplicateKey(err)) return null;
    throw err;
  }
  try {
    return await createUser({ ...input, role: "admin" });
  } catch (err) {
    await flags.deleteOne({ _id: FIRST_ADMIN });
    throw err;
  }
}
