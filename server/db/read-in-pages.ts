import type mongoose from "mongoose";
import type { Model } from "mongoose";

/**
 * Reads every document matching `filter` in `_id` order, one page at a time, each page its own
 * query continuing after the last `_id` (keyset paging). The embedded database builds a query's
 * whole result before sending any of it, so one cursor over a big collection would hold all of
 * it in the database's heap; pages keep both sides' memory flat, and each page is an index range.
 */
export async function* readInPages<T>(
  model: Model<T>,
  filter: Record<string, unknown>,
  select: string,
  pageSize = 500,
): AsyncGenerator<Record<string, unknown>[]> {
  let after: mongoose.Types.ObjectId | null = null;
  for (;;) {
    const page: Record<string, unknown>[] = await model
      .find(after ? { ...filter, _id: { $gt: after } } : filter)
      .sort({ _id: 1 })
      .limit(pageSize)
      .select(select)
      .lean<Record<string, unknown>[]>();
    if (page.length === 0) return;
    yield page;
    if (page.length < pageSize) return;
    after = page[page.length - 1]?._id as mongoose.Types.ObjectId;
  }
}
