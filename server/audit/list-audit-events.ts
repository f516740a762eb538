import { AuditEvent } from "./audit-event-model.ts";

export const AUDIT_PAGE_DEFAULT = 50;
export const AUDIT_PAGE_MAX = 500;

export interface AuditEventView {
  id: string;
  at: Date;
  actorName: string;
  action: string;
  target: { kind: string; id: string; slug?: string };
  detail: Record<string, unknown>;
}

/**
 * The newest events first; `limit` is clamped so one request cannot read the whole log, and
 * `before` (an event's `at`) continues from where the previous page ended, on the `at` index.
 */
export async function listAuditEvents(
  input: { limit?: number; before?: Date } = {},
): Promise<AuditEventView[]> {
  const limit = Math.min(
    Math.max(Math.trunc(input.limit ?? AUDIT_PAGE_DEFAULT), 1),
    AUDIT_PAGE_MAX,
  );
  const before = input.before && !Number.isNaN(input.before.getTime()) ? input.before : null;
  const rows = await AuditEvent.find(before ? { at: { $lt: before } } : {})
    .sort({ at: -1, _id: -1 })
    .limit(limit)
    .lean();
  return rows.map((e) => {
    const target = e.target ?? { kind: "module", id: "" };
    return {
      id: String(e._id),
      at: e.at,
      actorName: e.actorName,
      action: e.action,
      target: { kind: target.kind, id: target.id, ...(target.slug ? { slug: target.slug } : {}) },
      detail: (e.detail ?? {}) as Record<string, unknown>,
    };
  });
}
