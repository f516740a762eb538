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
// Links sent to one account in the last hour are counted to cap them.
passwordResetSchema.index({ userId: 1, createdAt: 1 });

export const PasswordReset: Model<InferSchemaType<typeof passwordResetSchema>> =
  (mongoose.models.PasswordReset as Model<InferSchemaType<typeof passwordResetSchema>>) ??
  mongoose.model("PasswordReset", passwordResetSchema);
