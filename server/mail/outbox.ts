import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { OUTBOX_ID } from "./mailer.ts";

export interface OutboxMail {
  id: string;
  date: string;
  from: string;
  to: string;
  subject: string;
  text: string;
}

export const OUTBOX_PAGE = 100;

async function readMail(dir: string, id: string): Promise<OutboxMail | null> {
  try {
    return JSON.parse(await readFile(join(dir, `${id}.json`), "utf8")) as OutboxMail;
  } catch {
    return null;
  }
}

/** The newest mails written to the outbox (its file names sort by time). */
export async function listOutbox(dir: string, limit = OUTBOX_PAGE): Promise<OutboxMail[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const ids = names
    .filter((n) => n.endsWith(".json"))
    .map((n) => n.slice(0, -".json".length))
    .filter((id) => OUTBOX_ID.test(id))
    .sort()
    .reverse()
    .slice(0, limit);
  const mails = await Promise.all(ids.map((id) => readMail(dir, id)));
  return mails.filter((m): m is OutboxMail => m !== null);
}

export async function readOutboxMail(dir: string, id: string): Promise<OutboxMail | null> {
  if (!OUTBOX_ID.test(id)) return null;
  return readMail(dir, id);
}
