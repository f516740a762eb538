// npm run user:create -- --email a@b.c --role admin [--name "Ada"] [--password …]
// Without --password the password is read from RAPPORT_PASSWORD or prompted for, so it never
// lands in shell history.
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { createUser } from "../auth/create-user.ts";
import { PASSWORD_MIN } from "../auth/password-policy.ts";
import { ValidationError } from "../http/http-errors.ts";
import { openDatabaseForCommand } from "../process/command-database.ts";

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
  const answer = await rl.question(
    `Password (at least ${PASSWORD_MIN} characters, not a common one, not containing the email): `,
  );
  rl.close();
  return answer;
}

const { db } = await openDatabaseForCommand("user:create");
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
