import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Config } from "../config.ts";
import { createMailer, type Mailer } from "../mail/mailer.ts";

/** What the review, reminder, settings, password-reset and outbox parts need from the process. */
export interface ReviewWiring {
  mailer: Mailer;
  /** Where the outbox mailer writes (null when mail goes out over SMTP). */
  outboxDir: string | null;
  /** The start of every link in an email. */
  publicUrl: string;
  /** The time zone learners start with. */
  timeZone: string;
  /** "Now": tests move it to tomorrow. */
  clock: () => Date;
}

/** For apps built without it (most tests): mails go to a temporary outbox, days are UTC. */
export function defaultReviewWiring(over: Partial<ReviewWiring> = {}): ReviewWiring {
  const outboxDir =
    "outboxDir" in over ? (over.outboxDir ?? null) : join(tmpdir(), "rapport-outbox");
  return {
    mailer:
      over.mailer ??
      createMailer({ from: "Rapport <rapport@localhost>", outboxDir: outboxDir ?? tmpdir() }),
    outboxDir,
    publicUrl: over.publicUrl ?? "http://localhost:3000",
    timeZone: over.timeZone ?? "UTC",
    clock: over.clock ?? (() => new Date()),
  };
}

/** The running app's: SMTP_URL or the outbox under DATA_DIR, PUBLIC_URL, TIME_ZONE. */
export function reviewWiringFromConfig(
  config: Pick<Config, "smtpUrl" | "mailFrom" | "dataDir" | "publicUrl" | "timeZone">,
): ReviewWiring {
  const outboxDir = join(config.dataDir, "outbox");
  return {
    mailer: createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, outboxDir }),
    outboxDir: config.smtpUrl ? null : outboxDir,
    publicUrl: config.publicUrl,
    timeZone: config.timeZone,
    clock: () => new Date(),
  };
}
