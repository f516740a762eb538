// npm run user:create -- --email a@b.c --role admin [--name "Ada"] [--password …]
// Without --password the password is read from RAPPORT_PASSWORD or prompted for, so it never
// lands in shell history.
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { createUser } from "../auth/create-user.ts";
import { loadConfig } from "../config.ts";
import { connectDatabase } from "../db/connect.ts";
import { ValidationError } from "../http/http-errors.ts";
import { createLogger } from "../http/logger.ts";

const { values } = parseArgs({
  options: {
    email: { type: "string" },
    role: { type: "string", default: "learner" },
    name: { type: "string" },
    password: { type: "string" },
  },
});

async function readPassword(): Promise<string> {
  if (values.password) return values.password;
  if (process.env.RAPPORT_PASSWORD) return process.env.RAPPORT_PASSWORD;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const answer = await rl.question("Password (at least 10 characters): ");
  rl.close();
  return answer;
}

const config = loadConfig();
const logger = createLogger("warn");
const db = await connectDatabase(config, logger);
try {
  const password = await readPassword();
  const email = values.email ?? "";
  const user = await createUser({
    email,
    password,
    role: values.role,
    displayName: values.name ?? email.split("@")[0],
  });
  console.log(`Created ${user.role} ${user.email}`);
} catch (err) {
  if (err instanceof ValidationError) {
    for (const [field, message] of Object.entries(err.fields))
      console.error(`${field}: ${message}`);
    process.exitCode = 1;
  } else throw err;
} finally {
  await db.close();
}
