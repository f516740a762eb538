import { z } from "zod";
import { HttpError } from "../http/http-errors.ts";

// A commit is stored only when its seq is above the stored one, so one commit with a huge seq
// would make every later commit look stale and freeze the attempt. Two rules prevent that: a
// ceiling far below where numbers lose precision, and a seq may move at most SEQ_STEP_MAX past
// the stored one. The player counts up by one per commit from the stored seq (or from its own
// unsent snapshot), so it never comes near either; reaching the ceiling takes 10^10 accepted
// commits, which the per-attempt commit budget makes centuries.
export const SEQ_MAX = 1_000_000_000_000_000;
export const SEQ_STEP_MAX = 100_000;

export const seqSchema = z
  .number({ error: "must be a number" })
  .int("must be a whole number")
  .min(1, "must be 1 or more")
  .max(SEQ_MAX, `must be at most ${SEQ_MAX.toLocaleString("en")}`);

/** The stored seqs a commit with this seq may be applied over: older, and not too far behind. */
export function seqWindow(seq: number) {
  return { $lt: seq, $gte: seq - SEQ_STEP_MAX };
}

/** Refuses a commit whose seq leaps too far past the stored one (the window above missed it). */
export function refuseSeqLeap(storedSeq: number, seq: number): void {
  if (seq - storedSeq > SEQ_STEP_MAX)
    throw new HttpError(
      400,
      `seq: must be at most ${SEQ_STEP_MAX.toLocaleString("en")} above the stored ${storedSeq}; reload the player`,
    );
}
