import mongoose from "mongoose";
import { User } from "../auth/user-model.ts";

type Id = mongoose.Types.ObjectId | string | null | undefined;

/** Display names for a set of user ids, in one query; unknown or removed users are left out. */
export async function displayNames(ids: Id[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id) => id && mongoose.isValidObjectId(id)).map(String))];
  if (wanted.length === 0) return new Map();
  const users = await User.find({ _id: { $in: wanted } })
    .select("displayName")
    .lean();
  return new Map(users.map((u) => [String(u._id), u.displayName]));
}

export async function displayNameOf(id: Id): Promise<string | null> {
  if (!id) return null;
  return (await displayNames([id])).get(String(id)) ?? null;
}
