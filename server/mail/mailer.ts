import { randomBytes } from "node:crypto";
import { mkdir, readdir, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import nodemailer from "nodemailer";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  headers?: Record<string, string>;
}

export interface Mailer {
  /** "smtp" sends through SMTP_URL; "outbox" writes each mail to a folder instead. */
  readonly kind: "smtp" | "outbox";
  send(message: MailMessage): Promise<{ messageId: string }>;
  close(): void;
}

export interface MailerOptions {
  smtpUrl?: string | undefined;
  from: string;
  outboxDir: string;
  /** Mails the outbox keeps; older ones are deleted (default 2,000). */
  outboxKeep?: number;
}

export const OUTBOX_KEEP = 2000;
/** The outbox is tidied every this many mails written by a process. */
const PRUNE_EVERY = 50;

/** With SMTP_URL, a real SMTP transport; without, the outbox, so a fresh machine needs nothing. */
export function createMailer(opts: MailerOptions): Mailer {
  return opts.smtpUrl
    ? smtpMailer(opts.smtpUrl, opts.from)
    : outboxMailer(opts.outboxDir, opts.from, opts.outboxKeep ?? OUTBOX_KEEP);
}

function smtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    kind: "smtp",
    async send(message) {
      const info = await transport.sendMail({ from, ...message });
      return { messageId: String(info.messageId) };
    },
    close: () => transport.close(),
  };
}

/** A mail's file name: sortable by time, unique, and safe to take back from a URL. */
export const OUTBOX_ID = /^\d{8}T\d{9}Z-[0-9a-f]{8}$/;

let written = 0;

/** Time to the millisecond, then a per-process count (two mails in one millisecond keep their order). */
function outboxId(now: Date): string {
  const stamp = now.toISOString().replace(/[-:.]/g, "");
  const count = (written++ & 0xffff).toString(16).padStart(4, "0");
  return `${stamp}-${count}${randomBytes(2).toString("hex")}`;
}

function outboxMailer(dir: string, from: string, keep: number): Mailer {
  let sent = 0;
  // nodemailer builds the same message it would send, as bytes: the .eml opens in any mail client.
  const transport = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: "unix",
  });
  return {
    kind: "outbox",
    async send(message) {
      const info = await transport.sendMail({ from, ...message });
      const now = new Date();
      const id = outboxId(now);
      await mkdir(dir, { recursive: true });
      const eml = join(dir, `${id}.eml`);
      await writeFile(`${eml}.tmp`, info.message as Buffer);
      await rename(`${eml}.tmp`, eml);
      // The JSON is written last: the outbox page lists only mails whose files are complete.
      const json = join(dir, `${id}.json`);
      const record = {
        id,
        messageId: info.messageId,
        date: now.toISOString(),
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
      };
      await writeFile(`${json}.tmp`, JSON.stringify(record, null, 2));
      await rename(`${json}.tmp`, json);
      // Without a mail server nothing ever leaves the folder: the oldest mails make room.
      if (++sent % PRUNE_EVERY === 1) await pruneOutbox(dir, keep);
      return { messageId: String(info.messageId) };
    },
    close: () => transport.close(),
  };
}

/** Deletes all but the newest `keep` mails of the outbox (file names sort by time). */
export async function pruneOutbox(dir: string, keep: number): Promise<number> {
  const ids = [
    ...new Set(
      (await readdir(dir))
        .map((n) => n.replace(/\.(json|eml)$/, ""))
        .filter((id) => OUTBOX_ID.test(id)),
    ),
  ].sort();
  const old = ids.slice(0, Math.max(0, ids.length - keep));
  for (const id of old) {
    await rm(join(dir, `${id}.json`), { force: true });
    await rm(join(dir, `${id}.eml`), { force: true });
  }
  return old.length;
}
