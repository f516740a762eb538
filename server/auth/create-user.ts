import { z } from "zod";
import { isDuplicateKey } from "../db/duplicate-key.ts";
import { ValidationError } from "../http/http-errors.ts";
import { parseOrThrow } from "../http/zod-fields.ts";
import { PASSWORD_MAX, PASSWORD_MIN, passwordProblem } from "./password-policy.ts";
import { hashPassword } from "./passwords.ts";
import { ROLES, type Role } from "./roles.ts";
import { User } from "./user-model.ts";

export { PASSWORD_MAX, PASSWORD_MIN };

const accountFields = z.object({
  email: z
    .string({ error: "Enter your email address" })
    .trim()
    .toLowerCase()
    .min(1, "Enter your email address")
    .max(254, "Email address is too long")
    .pipe(z.email("Enter a valid email address, like name@example.com")),
  displayName: z
    .string({ error: "Enter your name" })
    .trim()
    .min(1, "Enter your name")
    .max(80, "Name must be at most 80 characters"),
  // Length and the common-password list; whether it contains the email is checked below, once
  // the email is known to be valid.
  password: z.string({ error: "Enter a password" }).superRefine((password, ctx) => {
    const problem = passwordProblem(password, "");
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  }),
  role: z.enum(ROLES, { error: `Role must be one of ${ROLES.join(", ")}` }).default("learner"),
});

/** The account fields, and a password that follows the policy for that email address. */
export const newUserInput = accountFields.superRefine((data, ctx) => {
  const problem = passwordProblem(data.password, data.email);
  if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
});

export interface PresentedUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
}

/** Creates an account; a taken email is a field error, not a crash. */
export async function createUser(input: unknown): Promise<PresentedUser> {
  const data = parseOrThrow(newUserInput, input);
  const passwordHash = await hashPassword(data.password);
  try {
    const user = await User.create({
      email: data.email,
      displayName: data.displayName,
      passwordHash,
      role: data.role,
    });
    return { id: user.id, email: user.email, displayName: user.displayName, role: user.role };
  } catch (err) {
    if (isDuplicateKey(err)) {
      throw new ValidationError({ email: "An account with this email already exists" });
    }
    throw err;
  }
}

export async function adminExists(): Promise<boolean> {
  return (await User.exists({ role: "admin" })) !== null;
}
