import type { Config } from "../config.ts";
import type { Logger } from "../http/logger.ts";
import { sendDueReminders } from "../review/send-reminders.ts";
import type { ReviewWiring } from "../review/wiring.ts";
import { type JobRunner, startJobRunner } from "./job-runner.ts";

/** Every app process starts this; the leases decide which process runs each job each time. */
export function startBackgroundJobs(
  config: Pick<Config, "jobPollSeconds" | "sessionSecret">,
  logger: Logger,
  wiring: ReviewWiring,
): JobRunner {
  const pollMs = config.jobPollSeconds * 1000;
  return startJobRunner({
    pollMs,
    logger,
    clock: wiring.clock,
    jobs: [
      {
        name: "review-reminders",
        everyMs: pollMs,
        leaseMs: 5 * 60_000,
        run: (ctx) =>
          sendDueReminders(
            {
              mailer: wiring.mailer,
              publicUrl: wiring.publicUrl,
              secret: config.sessionSecret,
              logger,
            },
            ctx,
          ).then(() => undefined),
      },
    ],
  });
}
