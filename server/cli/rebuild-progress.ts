// npm run progress:rebuild — recomputes every learner summary and report rollup from the
// attempts. Safe to run any time; run it while the app is stopped when using the embedded
// database (the data file belongs to one server process), and after restoring a backup.
import { loadConfig } from "../config.ts";
import { connectDatabase } from "../db/connect.ts";
import { createLogger } from "../http/logger.ts";
import { rebuildProgress } from "../progress/rebuild-progress.ts";

const config = loadConfig();
const db = await connectDatabase(config, createLogger("warn"));
try {
  const started = Date.now();
  const result = await rebuildProgress();
  console.log(
    `Rebuilt from ${result.attempts} attempts: ${result.summaries} learner summaries, ` +
      `${result.modules} module and ${result.questions} question rollups in ${Date.now() - started} ms`,
  );
} finally {
  await db.close();
}
