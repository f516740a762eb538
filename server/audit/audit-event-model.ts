import mongoose, { type InferSchemaType, type Model } from "mongoose";

export const AUDIT_ACTIONS = [
  "module.create",
  "module.save",
  "module.duplicate",
  "module.archive",
  "module.unarchive",
  "module.publish",
  "module.import-article",
  "module.import-zip",
  "user.role",
  "user.disable",
  "user.enable",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

// One document per action, written once and never updated. The actor's name is copied in so the
// log still reads correctly after the account is renamed or deleted.
const auditEventSchema = new mongoose.Schema(
  {
    at: { type: Date, required: true, default: () => new Date() },
    actorId: { type: mongoose.Schema.Types.ObjectId, ref: "User", default: null },
    actorName: { type: String, required: true },
    action: { type: String, enum: AUDIT_ACTIONS, required: true },
    target: {
      kind: { type: String, enum: ["module", "user"], required: true },
      id: { type: String, required: true },
      slug: { type: String },
    },
    detail: { type: mongoose.Schema.Types.Mixed, default: {} },
  },
  { minimize: false, versionKey: false },
);
// The audit page reads newest first; the second index serves "what happened to this module".
auditEventSchema.index({ at: -1 });
auditEventSchema.index({ "target.id": 1, at: -1 });

export type AuditEventRecord = InferSchemaType<typeof auditEventSchema>;
export const AuditEvent: Model<AuditEventRecord> =
  (mongoose.models.AuditEvent as Model<AuditEventRecord>) ??
  mongoose.model("AuditEvent", auditEventSchema);
