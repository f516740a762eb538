import mongoose, { type InferSchemaType, type Model } from "mongoose";

// One certificate per learner and passed module version. What it shows is copied in when it is
// issued: a certificate states what was true on that day, whatever is renamed later.
const certificateSchema = new mongoose.Schema({
  /** The public, unguessable part of the verification address (128 random bits). */
  code: { type: String, required: true },
  userId: { type: mongoose.Schema.Types.ObjectId, ref: "User", required: true },
  moduleId: { type: mongoose.Schema.Types.ObjectId, ref: "Module", required: true },
  slug: { type: String, required: true },
  version: { type: Number, required: true },
  moduleTitle: { type: String, required: true },
  learnerName: { type: String, required: true },
  passedAt: { type: Date, required: true },
  issuedAt: { type: Date, required: true },
});
// The once-per-passed-version guarantee: of simultaneous issues, one insert wins.
certificateSchema.index({ userId: 1, moduleId: 1, version: 1 }, { unique: true });
certificateSchema.index({ code: 1 }, { unique: true });

export type CertificateRecord = InferSchemaType<typeof certificateSchema>;
export const Certificate: Model<CertificateRecord> =
  (mongoose.models.Certificate as Model<CertificateRecord>) ??
  mongoose.model("Certificate", certificateSchema, "certificates");
