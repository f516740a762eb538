import mongoose, { type InferSchemaType, type Model } from "mongoose";

// The editable side of a module. `draft` is validated through the content schema before every
// write; `revision` lets two authors' saves be told apart (a stale revision is refused).
const moduleSchema = new mongoose.Schema(
  {
    slug: { type: String, required: true, unique: true },
    title: { type: String, required: true },
    draft: { type: mongoose.Schema.Types.Mixed, required: true },
    revision: { type: Number, required: true, default: 1 },
    publishedVersion: { type: Number, required: true, default: 0 },
    /** The draft revision that was last published, to show "draft changes since vN". */
    publishedRevision: { type: Number, default: 0 },
    archived: { type: Boolean, default: false },
    source: { type: String, enum: ["library", "authoring", "import"], required: true },
    createdBy: { type: mongoose.Schema.Types.ObjectId, ref: "User", default: null },
    updatedBy: { type: mongoose.Schema.Types.ObjectId, ref: "User", default: null },
  },
  { timestamps: true, minimize: false },
);
moduleSchema.index({ archived: 1, publishedVersion: 1, title: 1 });

export type ModuleRecord = InferSchemaType<typeof moduleSchema>;
export const Module: Model<ModuleRecord> =
  (mongoose.models.Module as Model<ModuleRecord>) ?? mongoose.model("Module", moduleSchema);
