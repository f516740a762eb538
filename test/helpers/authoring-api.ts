import assert from "node:assert/strict";
import { type AuditAction, AuditEvent } from "../../server/audit/audit-event-model.ts";
import { createUser } from "../../server/auth/create-user.ts";
import type { Role } from "../../server/auth/roles.ts";
import type { RequestActor } from "../../server/authoring/route-helpers.ts";
import { loadCourseLibrary } from "../../server/content/load-course-library.ts";
import { Module } from "../../server/content/module-model.ts";
import type { ModuleContent } from "../../server/content/module-schema.ts";
import { unmarkPlaceholder } from "../../server/content/publish-blockers.ts";
import { createLogger } from "../../server/http/logger.ts";
import { HttpClient } from "./http-client.ts";

export const PASSWORD = "authoring password 1";

/** Creates an account and returns it as the actor commands take. */
export async function makeUser(role: Role, email: string): Promise<RequestActor> {
  const user = await createUser({
    email,
    displayName: email.split("@")[0],
    password: PASSWORD,
    role,
  });
  return { id: user.id, displayName: user.displayName, role: user.role };
}

export async function signIn(baseUrl: string, email: string): Promise<HttpClient> {
  const client = new HttpClient(baseUrl);
  const res = await client.postForm("/login", { email, password: PASSWORD }, "/login");
  assert.equal(res.status, 302, `sign-in as ${email}`);
  return client;
}

/** A CSRF token for scripts: any signed-in page carries one (the layout's sign-out form). */
export function csrfToken(client: HttpClient): Promise<string> {
  return client.csrfFrom("/dashboard");
}

export function loadLibrary() {
  return loadCourseLibrary({ logger: createLogger("silent") });
}

export async function storedDraft(slug: string): Promise<ModuleContent> {
  const mod = await Module.findOne({ slug }).lean();
  assert.ok(mod, `module ${slug} exists`);
  return mod.draft as ModuleContent;
}

export async function auditCount(action: AuditAction, slug?: string): Promise<number> {
  return AuditEvent.countDocuments({ action, ...(slug ? { "target.slug": slug } : {}) });
}

/** JSON request with the CSRF header, as the editor sends it. */
export function sendJson(
  client: HttpClient,
  method: string,
  path: string,
  body: unknown,
  token: string,
): Promise<Response> {
  return client.request(path, {
    method,
    headers: {
      "content-type": "application/json",
      accept: "application/json",
      "x-csrf-token": token,
    },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

export const clone = <T>(value: T): T => structuredClone(value);

/**
 * The draft with every placeholder mark taken off, as an author pressing "Keep this text"
 * everywhere would leave it: what a test needs to publish a module made from the template.
 */
export function keepPlaceholders<T>(draft: T): T {
  return JSON.parse(JSON.stringify(draft), (_key, value) =>
    typeof value === "string" ? unmarkPlaceholder(value) : value,
  ) as T;
}
