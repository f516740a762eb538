import mongoose from "mongoose";
import { type AuditAction, AuditEvent } from "./audit-event-model.ts";

/** Who did something: the signed-in user, or Rapport itself (null id) for start-up work. */
export interface AuditActor {
  id: string | null;
  displayName: string;
}

export const SYSTEM_ACTOR: AuditActor = { id: null, displayName: "Rapport" };

export interface AuditInput {
  actor: AuditActor;
  action: AuditAction;
  target: { kind: "module" | "user"; id: string; slug?: string };
  detail?: Record<string, unknown>;
}

type FailureReporter = (err: unknown, input: AuditInput) => void;

// Audit failures must be seen by an operator, so main.ts may point this at the app's logger.
let reportFailure: FailureReporter = (err, input) => {
  console.error(`audit event ${input.action} could not be recorded`, err);
};

export function onAuditFailure(reporter: FailureReporter): void {
  reportFailure = reporter;
}

/**
 * Records one audit event AFTER the action it describes has been written, and never throws.
 *
 * Why: without multi-document transactions the action and its event cannot commit together, so
 * one of them may be lost on a failure. Losing the author's saved work (or telling them it failed
 * when it did not) is worse than a missing log line, so the action's write comes first and an
 * audit failure is reported to the operator instead of being thrown into the caller's path. It
 * is awaited, so the event is durable before the response is sent and tests can read it at once.
 */
export async function recordAudit(input: AuditInput): Promise<void> {
  try {
    const actorId =
      input.actor.id && mongoose.isValidObjectId(input.actor.id) ? input.actor.id : null;
    await AuditEvent.create({
      at: new Date(),
      actorId,
      actorName: input.actor.displayName,
      action: input.action,
      target: input.target,
      detail: input.detail ?? {},
    });
  } catch (err) {
    reportFailure(err, input);
  }
}
