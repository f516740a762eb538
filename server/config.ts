import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

// --- Review, reminders and mail (issue #15) ---
const serverTimeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
const isKnownTimeZone = (tz: string) =>
  tz === "UTC" || Intl.supportedValuesOf("timeZone").includes(tz);
const reviewAndMailEnv = {
  // Unset: mails are written to DATA_DIR/outbox and listed at /admin/outbox.
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/\S+$/, "must start with smtp:// or smtps://")
    .optional(),
  MAIL_FROM: z
    .string()
    .regex(/^[^\r\n]*@[^\r\n]*$/, "must be an address like Rapport <rapport@example.com>")
    .default("Rapport <rapport@localhost>"),
  // Links in emails (reminders, password resets) start with this; never taken from a request.
  PUBLIC_URL: z
    .string()
    .regex(/^https?:\/\/[^\s/]+(\/\S*)?$/, "must be an http:// or https:// address")
    .transform((v) => v.replace(/\/+$/, ""))
    .optional(),
  // The time zone learners start with (each can choose their own on /account/settings).
  TIME_ZONE: z
    .string()
    .refine(isKnownTimeZone, { message: "must be an IANA time zone like Europe/Paris or UTC" })
    .default(isKnownTimeZone(serverTimeZone) ? serverTimeZone : "UTC"),
  // How often each app process looks for due background jobs (the review reminders).
  JOB_POLL_SECONDS: z.coerce
    .number({ error: "must be a whole number" })
    .int("must be a whole number")
    .min(1, "must be between 1 and 3600")
    .max(3600, "must be between 1 and 3600")
    .default(30),
};
// --- end review, reminders and mail ---

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce
    .number({ error: "must be a whole number" })
    .int("must be a whole number")
    .min(0, "must be between 0 and 65535")
    .max(65535, "must be between 0 and 65535")
    .default(3000),
  MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\/\S+$/, "must start with mongodb:// or mongodb+srv://")
    .optional(),
  DATA_DIR: z.string().min(1).default(join(REPO_ROOT, ".data")),
  SESSION_SECRET: z.string().min(32, "must be at least 32 characters when set").optional(),
  LOG_LEVEL: z
    .enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(", ")}` })
    .default("info"),
  // App processes sharing the port (node:cluster); 1 = a single process.
  WEB_CONCURRENCY: z.coerce
    .number({ error: "must be a whole number" })
    .int("must be a whole number")
    .min(1, "must be between 1 and 64")
    .max(64, "must be between 1 and 64")
    .default(1),
  // Commits one attempt may make per minute (a bucket of this many, refilled at this rate).
  COMMITS_PER_MINUTE: z.coerce
    .number({ error: "must be a whole number" })
    .int("must be a whole number")
    .min(1, "must be between 1 and 1000000")
    .max(1_000_000, "must be between 1 and 1000000")
    .default(60),
  // Behind a reverse proxy the client address (used by rate limits) is in X-Forwarded-For.
  // `true` = one proxy in front; a number = that many proxies (the address each one appended).
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|[1-9])$/, "must be true, false, or the number of proxies (1-9)")
    .default("false")
    .transform((v) => (v === "true" ? true : v === "false" ? false : Number(v))),
  ...reviewAndMailEnv,
});

export interface Config {
  env: "development" | "production" | "test";
  port: number;
  mongodbUri: string | undefined;
  dataDir: string;
  sessionSecret: string;
  logLevel: (typeof LOG_LEVELS)[number];
  /** false, true (one proxy), or the number of proxies in front of Rapport. */
  trustProxy: boolean | number;
  workers: number;
  commitsPerMinute: number;
  // Review, reminders and mail (issue #15)
  smtpUrl: string | undefined;
  mailFrom: string;
  publicUrl: string;
  timeZone: string;
  jobPollSeconds: number;
}

export class ConfigError extends Error {}

/** Reads and validates every setting once; a wrong value stops start-up naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means "not set", as in most shells' `FOO= cmd`.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ""));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.DATA_DIR);
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    mongodbUri: e.MONGODB_URI,
    dataDir,
    sessionSecret: e.SESSION_SECRET ?? readOrCreateSessionSecret(dataDir),
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    workers: e.WEB_CONCURRENCY,
    commitsPerMinute: e.COMMITS_PER_MINUTE,
    // Review, reminders and mail (issue #15)
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    timeZone: e.TIME_ZONE,
    jobPollSeconds: e.JOB_POLL_SECONDS,
  };
}

/**
 * A generated secret kept beside the data survives restarts (so sessions do too) without
 * anyone having to invent one, and there is never a default secret shared by every install.
 */
function readOrCreateSessionSecret(dataDir: string): string {
  const file = join(dataDir, "session-secret");
  if (existsSync(file)) {
    const secret = readFileSync(file, "utf8").trim();
    if (secret.length >= 32) return secret;
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
