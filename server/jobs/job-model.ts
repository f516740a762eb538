import mongoose, { type InferSchemaType, type Model } from "mongoose";

// One document per background job (its name is the _id). Whoever holds an unexpired lease runs
// it; `nextRunAt` spaces the runs out. Every app process on every machine competes for the same
// document, so a run happens once however many processes there are.
const jobSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    nextRunAt: { type: Date, required: true },
    lockedUntil: { type: Date, required: true },
    /** The lease holder's random token: only it may renew or release the lease. */
    lockedBy: { type: String, default: null },
    lastStartedAt: { type: Date, default: null },
    lastFinishedAt: { type: Date, default: null },
    lastError: { type: String, default: null },
    runs: { type: Number, default: 0 },
  },
  { minimize: false },
);

export const Job: Model<InferSchemaType<typeof jobSchema>> =
  (mongoose.models.Job as Model<InferSchemaType<typeof jobSchema>>) ??
  mongoose.model("Job", jobSchema);
