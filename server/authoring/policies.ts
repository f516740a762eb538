import { hasRole, type Role } from "../auth/roles.ts";
import { HttpError } from "../http/http-errors.ts";

// "Can this user do this to that thing", answered in one place. Routes ask before calling a
// command; commands that change accounts ask again, because tests and CLIs call them directly.

export interface PolicyUser {
  id: string;
  role: Role;
}

export type ModuleAction =
  | "list"
  | "view"
  | "create"
  | "edit"
  | "duplicate"
  | "archive"
  | "publish"
  | "import"
  | "export"
  | "preview";
export type UserAction = "list-users" | "change-role" | "disable-user";
export type Action = ModuleAction | UserAction | "view-audit";

/** Anything an action is about: a module (unused by today's rules) or a user account. */
export type PolicyTarget = { kind: "module"; archived?: boolean } | { kind: "user"; id: string };

type Rule = (user: PolicyUser, target?: PolicyTarget) => boolean;

const isAuthor: Rule = (user) => hasRole(user.role, "author");
const isAdmin: Rule = (user) => hasRole(user.role, "admin");
// An admin never changes their own account: it stops an admin locking everyone out by accident
// and means the last admin cannot demote or disable themselves.
const isAdminActingOnSomeoneElse: Rule = (user, target) =>
  isAdmin(user) && target?.kind === "user" && target.id !== user.id;

const RULES: Record<Action, Rule> = {
  list: isAuthor,
  view: isAuthor,
  create: isAuthor,
  edit: isAuthor,
  duplicate: isAuthor,
  archive: isAuthor,
  publish: isAuthor,
  import: isAuthor,
  export: isAuthor,
  preview: isAuthor,
  "view-audit": isAuthor,
  "list-users": isAdmin,
  "change-role": isAdminActingOnSomeoneElse,
  "disable-user": isAdminActingOnSomeoneElse,
};

export function can(
  user: PolicyUser | null | undefined,
  action: Action,
  target?: PolicyTarget,
): boolean {
  if (!user) return false;
  return RULES[action](user, target);
}

const SELF_MESSAGES: Partial<Record<Action, string>> = {
  "change-role": "You cannot change your own role. Ask another admin.",
  "disable-user": "You cannot disable your own account. Ask another admin.",
};

/** Throws 403 with a message saying why, for routes and commands. */
export function assertCan(
  user: PolicyUser | null | undefined,
  action: Action,
  target?: PolicyTarget,
): void {
  if (can(user, action, target)) return;
  const self = target?.kind === "user" && user && target.id === user.id;
  throw new HttpError(
    403,
    (self && SELF_MESSAGES[action]) || "You do not have permission to do that",
  );
}
