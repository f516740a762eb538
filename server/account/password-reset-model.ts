import mongoose, { type InferSchemaType, type Model } from "mongoose";

// A password-reset link. Only the SHA-256 of its token is stored, so the database never holds a
// working link; `usedAt` makes it single-use, `expiresAt` one hour long.
const passwordResetSchema = new mongoose.Schema(
  {
    tokenHash: { type: String, required: true },
    userId: { type: mongoose.Schema.Types.ObjectId, ref: "User", required: true },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    usedAt: { type: Date, default: null },
  },
  { minimize: false },
);
passwordResetSchema.index({ tokenHash: 1 }, { unique: true });
// Every other link of an account stops working when one is used.
passwordResetSchema.index({ userId: 1, usedAt: 1 });

export const PasswordReset: Model<InferSchemaType<typeof passwordResetSchema>> =
  (mongoose.models.PasswordReset as Model<InferSchemaType<typeof passwordResetSchema>>) ??
  mongoose.model("PasswordReset", passwordResetSchema);

// Links sent to one account in one clock hour. One conditional $inc per request, so requests at
// the same moment cannot all slip under the cap (a count of the links already sent could).
const resetQuotaSchema = new mongoose.Schema(
  {
    userId: { type: mongoose.Schema.Types.ObjectId, ref: "User", required: true },
    /** Hours since the epoch. */
    hour: { type: Number, required: true },
    sent: { type: Number, required: true, default: 0 },
  },
  { minimize: false },
);
resetQuotaSchema.index({ userId: 1, hour: 1 }, { unique: true });

export const ResetQuota: Model<InferSchemaType<typeof resetQuotaSchema>> =
  (mongoose.models.ResetQuota as Model<InferSchemaType<typeof resetQuotaSchema>>) ??
  mongoose.model("ResetQuota", resetQuotaSchema);
