import { pino } from "pino";

export type Logger = pino.Logger;

// Whatever reaches a log line, these never do: passwords, hashes, cookies, CSRF tokens.
const REDACT = [
  "password",
  "passwordHash",
  "*.password",
  "*.passwordHash",
  "req.headers.cookie",
  "req.headers.authorization",
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  "req.body",
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACT, censor: "[redacted]" } }, destination);
}
