import { randomBytes } from "node:crypto";
import { isDuplicateKey } from "../db/duplicate-key.ts";
import { Job } from "./job-model.ts";

export interface Lease {
  job: string;
  token: string;
  /** Extends the lease; false if it was lost (expired and taken by another process). */
  renew(now: Date): Promise<boolean>;
  /** Ends the lease and schedules the next run. */
  release(now: Date, nextRunAt: Date, error: string | null): Promise<void>;
}

async function ensureJob(name: string): Promise<void> {
  try {
    await Job.collection.updateOne(
      { _id: name as never },
      {
        $setOnInsert: { nextRunAt: new Date(0), lockedUntil: new Date(0), lockedBy: null, runs: 0 },
      },
      { upsert: true },
    );
  } catch (err) {
    // Another process created it at the same moment.
    if (!isDuplicateKey(err)) throw err;
  }
}

/**
 * Claims the job if it is due and nobody holds its lease: one findOneAndUpdate whose filter holds
 * both conditions, so of any number of processes asking at once, exactly one gets it.
 */
export async function claimJob(name: string, now: Date, leaseMs: number): Promise<Lease | null> {
  await ensureJob(name);
  const token = randomBytes(12).toString("hex");
  const claimed = await Job.collection.findOneAndUpdate(
    { _id: name as never, nextRunAt: { $lte: now }, lockedUntil: { $lte: now } },
    {
      $set: { lockedUntil: new Date(now.getTime() + leaseMs), lockedBy: token, lastStartedAt: now },
    },
    { returnDocument: "after", projection: { _id: 1 } },
  );
  if (!claimed) return null;
  return {
    job: name,
    token,
    async renew(at) {
      const res = await Job.collection.updateOne(
        { _id: name as never, lockedBy: token },
        { $set: { lockedUntil: new Date(at.getTime() + leaseMs) } },
      );
      return res.matchedCount === 1;
    },
    async release(at, nextRunAt, error) {
      await Job.collection.updateOne(
        { _id: name as never, lockedBy: token },
        {
          $set: {
            lockedUntil: at,
            lockedBy: null,
            nextRunAt,
            lastFinishedAt: at,
            lastError: error,
          },
          $inc: { runs: 1 },
        },
      );
    },
  };
}
