import mongoose, { type InferSchemaType, type Model } from "mongoose";
import { ROLES } from "./roles.ts";

const userSchema = new mongoose.Schema(
  {
    email: { type: String, required: true, unique: true, lowercase: true, trim: true },
    displayName: { type: String, required: true, trim: true },
    // select: false keeps the hash out of every query that does not ask for it by name.
    passwordHash: { type: String, required: true, select: false },
    role: { type: String, enum: ROLES, required: true, default: "learner" },
    disabled: { type: Boolean, default: false },
  },
  { timestamps: true },
);
userSchema.index({ role: 1 });

export type UserRecord = InferSchemaType<typeof userSchema> & { _id: mongoose.Types.ObjectId };
export const User: Model<InferSchemaType<typeof userSchema>> =
  (mongoose.models.User as Model<InferSchemaType<typeof userSchema>>) ??
  mongoose.model("User", userSchema);
