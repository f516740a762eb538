import type { Request } from "express";
import { signedInUser } from "../auth/guards.ts";
import type { Role } from "../auth/roles.ts";
import { ValidationError } from "../http/http-errors.ts";

// Small readers that turn a request into the typed inputs commands take, so handlers stay short
// and commands never see `req`.

export interface RequestActor {
  id: string;
  displayName: string;
  role: Role;
}

/** The signed-in user as the actor of a command (for policies and the audit log). */
export function actorOf(req: Request): RequestActor {
  const user = signedInUser(req);
  return { id: user.id, displayName: user.displayName, role: user.role };
}

export function bodyOf(req: Request): Record<string, unknown> {
  const body = req.body as unknown;
  return body && typeof body === "object" && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : {};
}

/** A string field, or "" when absent; anything else is a field error. */
export function readText(value: unknown, field: string): string {
  if (value === undefined || value === null) return "";
  if (typeof value !== "string") throw new ValidationError({ [field]: `${field} must be text` });
  return value;
}

/** JSON sends a boolean; a form sends "true"/"false" (or "1"/"0", or a checkbox's "on"). */
export function readFlag(value: unknown, field: string, fallback?: boolean): boolean {
  if (value === undefined && fallback !== undefined) return fallback;
  if (value === true || value === "true" || value === "1" || value === "on") return true;
  if (value === false || value === "false" || value === "0") return false;
  throw new ValidationError({ [field]: `${field} must be true or false` });
}

/** A whole number from JSON or a query string. */
export function readInt(value: unknown, field: string): number {
  const n = typeof value === "string" && /^-?\d{1,9}$/.test(value) ? Number(value) : value;
  if (typeof n !== "number" || !Number.isInteger(n)) {
    throw new ValidationError({ [field]: `${field} must be a whole number` });
  }
  return n;
}

export const slugParam = (req: Request): string => String(req.params.slug ?? "");
