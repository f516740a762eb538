import { dictionary } from "@zxcvbn-ts/language-common";

// NIST SP 800-63B (5.1.1.2): a minimum length, a generous maximum, no composition rules, and
// refusing passwords that are commonly used or derived from the account itself.
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;
// Shorter local parts ("al", "jo") occur inside ordinary words and would refuse good passwords.
const SHORTEST_LOCAL_PART_CHECKED = 3;

let common: Set<string> | undefined;

/**
 * zxcvbn-ts's list of frequently used passwords (about 49,000, lower case, most frequent first).
 * Only entries that pass the length rule can ever matter, so only those are kept.
 */
function commonPasswords(): Set<string> {
  common ??= new Set(
    (dictionary["passwords-common"] as string[]).filter((p) => p.length >= PASSWORD_MIN),
  );
  return common;
}

/** Why `password` may not be used for the account `email`, or null when it may. */
export function passwordProblem(password: string, email: string): string | null {
  if (password.length < PASSWORD_MIN) return `Password must be at least ${PASSWORD_MIN} characters`;
  if (password.length > PASSWORD_MAX) return `Password must be at most ${PASSWORD_MAX} characters`;
  const lower = password.toLowerCase();
  const address = email.trim().toLowerCase();
  const localPart = address.split("@")[0] ?? "";
  if (
    address !== "" &&
    (lower.includes(address) ||
      (localPart.length >= SHORTEST_LOCAL_PART_CHECKED && lower.includes(localPart)))
  ) {
    return "Password must not contain your email address or the name before the @";
  }
  if (commonPasswords().has(lower)) {
    return "This password is on a list of commonly used passwords. Choose another one";
  }
  return null;
}
