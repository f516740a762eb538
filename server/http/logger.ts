import { pino } from "pino";
import pinoPretty from "pino-pretty";

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

/**
 * The server's console: JSON lines in production or when the output is a file or a pipe (for a
 * log collector); on a developer's terminal, one short readable line per entry.
 */
export function createConsoleLogger(opts: {
  level: string;
  env: string;
  tty?: boolean;
  destination?: NodeJS.WritableStream;
}): Logger {
  const tty = opts.tty ?? process.stdout.isTTY === true;
  if (opts.env === "production" || !tty) {
    return createLogger(opts.level, opts.destination as pino.DestinationStream | undefined);
  }
  const pretty = pinoPretty({
    // Synchronous, so the line explaining why start-up stopped is written before the exit.
    sync: true,
    translateTime: "SYS:HH:MM:ss",
    // The request line says method, path, status and time; the rest is noise on a terminal.
    ignore: "pid,hostname,req,res,responseTime",
    ...(opts.destination ? { destination: opts.destination, colorize: false } : {}),
  });
  return createLogger(opts.level, pretty);
}
