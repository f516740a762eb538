import passport from "passport";
import { Strategy as LocalStrategy } from "passport-local";
import type { PresentedUser } from "./create-user.ts";
import { verifyPassword } from "./passwords.ts";
import { User } from "./user-model.ts";

declare global {
  namespace Express {
    interface User extends PresentedUser {}
  }
}

export const SIGN_IN_FAILED = "That email and password do not match an account.";

/** Checks an email and password; disabled accounts and unknown emails fail the same way. */
export async function authenticate(email: string, password: string): Promise<PresentedUser | null> {
  const user = await User.findOne({ email: email.trim().toLowerCase() }).select("+passwordHash");
  const ok = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !ok || user.disabled) return null;
  return { id: user.id, email: user.email, displayName: user.displayName, role: user.role };
}

export function configurePassport(): passport.PassportStatic {
  passport.use(
    new LocalStrategy(
      { usernameField: "email", passwordField: "password" },
      (email, password, done) => {
        authenticate(email, password).then(
          (user) => done(null, user ?? false, user ? undefined : { message: SIGN_IN_FAILED }),
          done,
        );
      },
    ),
  );
  passport.serializeUser((user, done) => done(null, user.id));
  // Reading the user on every request means a role change or a disabled account takes effect
  // at once, not when the session expires.
  passport.deserializeUser((id: string, done) => {
    User.findById(id).then((user) => {
      if (!user || user.disabled) return done(null, false);
      done(null, {
        id: user.id,
        email: user.email,
        displayName: user.displayName,
        role: user.role,
      });
    }, done);
  });
  return passport;
}
