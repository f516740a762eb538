import { randomBytes } from "node:crypto";
import { mkdir, rename, writeFile } from "node:fs/promises";
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
}

/** With SMTP_URL, a real SMTP transport; without, the outbox, so a fresh machine needs nothing. */
export function createMailer(opts: MailerOptions): Mailer {
  return opts.smtpUrl
    ? smtpMailer(opts.smtpUrl, opts.from)
    : outboxMailer(opts.outboxDir, opts.from);
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

function outboxId(now: Date): string {
  const stamp = now.toISOString().replace(/[-:.]/g, "");
  return `${stamp}-${randomBytes(4).toString("hex")}`;
}

function outboxMailer(dir: string, from: string): Mailer {
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
      return { messageId: String(info.messageId) };
    },
    close: () => transport.close(),
  };
}
