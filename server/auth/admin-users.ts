import mongoose from "mongoose";
import { type AuditActor, recordAudit } from "../audit/record-audit.ts";
import { assertCan, type PolicyUser } from "../authoring/policies.ts";
import { notFound, ValidationError } from "../http/http-errors.ts";
import { isRole, ROLES, type Role } from "./roles.ts";
import { User } from "./user-model.ts";

/** What the user admin page and API show about an account: never the password hash. */
export interface AdminUserView {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  disabled: boolean;
  createdAt: Date | undefined;
}

type Admin = PolicyUser & AuditActor & { id: string };

function presentAdminUser(u: {
  _id: unknown;
  email: string;
  displayName: string;
  role: Role;
  disabled?: boolean | null;
  createdAt?: Date;
}): AdminUserView {
  return {
    id: String(u._id),
    email: u.email,
    displayName: u.displayName,
    role: u.role,
    disabled: u.disabled ?? false,
    createdAt: u.createdAt,
  };
}

export const USERS_PAGE_SIZE = 50;

export interface UserPage {
  users: AdminUserView[];
  /** The email to continue after, when there are more. */
  next: string | null;
}

/**
 * One page of accounts in email order, optionally those whose email starts with `search`. Pages
 * continue after an email (keyset paging on the unique email index), so page 200 costs what page
 * 1 does.
 */
export async function listUsers(input: {
  actor: Admin;
  after?: string;
  search?: string;
  limit?: number;
}): Promise<UserPage> {
  assertCan(input.actor, "list-users");
  const limit = Math.min(Math.max(Math.trunc(input.limit ?? USERS_PAGE_SIZE), 1), 200);
  const email: Record<string, string> = {};
  const prefix = (input.search ?? "").trim().toLowerCase().slice(0, 254);
  if (prefix) {
    email.$gte = prefix;
    email.$lt = `${prefix}\uffff`;
  }
  if (input.after && (!email.$gte || input.after >= email.$gte)) email.$gt = input.after;
  const users = await User.find(Object.keys(email).length ? { email } : {})
    .sort({ email: 1 })
    .limit(limit + 1)
    .lean();
  const page = users.slice(0, limit).map(presentAdminUser);
  return { users: page, next: users.length > limit ? (page.at(-1)?.email ?? null) : null };
}

export interface ChangeRoleInput {
  actor: Admin;
  userId: string;
  role: unknown;
}

/** Sets an account's role; takes effect on that user's next request (sessions re-read the user). */
export async function changeUserRole(input: ChangeRoleInput): Promise<AdminUserView> {
  assertCan(input.actor, "change-role", { kind: "user", id: input.userId });
  if (!isRole(input.role)) {
    throw new ValidationError({ role: `Role must be one of ${ROLES.join(", ")}` });
  }
  const before = await updateUser(input.userId, { role: input.role });
  if (before.role !== input.role) {
    await recordAudit({
      actor: input.actor,
      action: "user.role",
      target: { kind: "user", id: before.id },
      detail: { email: before.email, from: before.role, to: input.role },
    });
  }
  return { ...before, role: input.role };
}

export interface SetDisabledInput {
  actor: Admin;
  userId: string;
  disabled: boolean;
}

/** Disables (or re-enables) an account; a disabled user's open sessions stop working at once. */
export async function setUserDisabled(input: SetDisabledInput): Promise<AdminUserView> {
  assertCan(input.actor, "disable-user", { kind: "user", id: input.userId });
  const before = await updateUser(input.userId, { disabled: input.disabled });
  if (before.disabled !== input.disabled) {
    await recordAudit({
      actor: input.actor,
      action: input.disabled ? "user.disable" : "user.enable",
      target: { kind: "user", id: before.id },
      detail: { email: before.email },
    });
  }
  return { ...before, disabled: input.disabled };
}

/** One atomic update; returns the account as it was, so the audit can say what changed. */
async function updateUser(
  userId: string,
  set: { role?: Role; disabled?: boolean },
): Promise<AdminUserView> {
  if (!mongoose.isValidObjectId(userId)) throw notFound("User");
  const before = await User.findOneAndUpdate({ _id: userId }, { $set: set }).lean();
  if (!before) throw notFound("User");
  return presentAdminUser(before);
}
