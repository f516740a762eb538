import mongoose, { type InferSchemaType, type Model } from "mongoose";

// An immutable snapshot: written once at publish, never updated. Attempts point at one, so a
// learner's finished attempt keeps showing the text they actually took.
const moduleVersionSchema = new mongoose.Schema(
  {
    moduleId: { type: mongoose.Schema.Types.ObjectId, ref: "Module", required: true },
    slug: { type: String, required: true },
    version: { type: Number, required: true },
    content: { type: mongoose.Schema.Types.Mixed, required: true },
    contentHash: { type: String, required: true },
    note: { type: String, default: "" },
    publishedBy: { type: mongoose.Schema.Types.ObjectId, ref: "User", default: null },
    publishedAt: { type: Date, required: true, default: () => new Date() },
  },
  { minimize: false },
);
// The unique index is what makes two simultaneous publishes produce one vN, not two.
moduleVersionSchema.index({ moduleId: 1, version: -1 }, { unique: true });
moduleVersionSchema.index({ slug: 1, version: -1 });

export type ModuleVersionRecord = InferSchemaType<typeof moduleVersionSchema>;
export const ModuleVersion: Model<ModuleVersionRecord> =
  (mongoose.models.ModuleVersion as Model<ModuleVersionRecord>) ??
  mongoose.model("ModuleVersion", moduleVersionSchema);
