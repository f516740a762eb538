import { Router } from "express";
import { verifyUnsubscribe } from "../review/unsubscribe-link.ts";
import { turnOffReminders } from "./learner-prefs.ts";

/**
 * The unsubscribe link from a reminder email works signed out: the HMAC in the link is the
 * authority, so these routes sit before the session and CSRF middleware. GET only shows a
 * button (mail scanners fetch links); POST turns reminders off, from that button or from a mail
 * client's one-click unsubscribe (RFC 8058), which cannot carry a CSRF token.
 */
export function unsubscribeRouter(deps: { secret: string; clock: () => Date }): Router {
  const router = Router();
  const INVALID = {
    title: "Link not valid",
    message:
      "This unsubscribe link is not valid. Sign in and turn reminders off on your settings page.",
    status: 400,
  };

  router.get("/reminders/unsubscribe", (req, res) => {
    const { u, s } = req.query;
    if (!verifyUnsubscribe(u, s, deps.secret)) return res.status(400).render("error", INVALID);
    const query = new URLSearchParams({ u: String(u), s: String(s) });
    res.render("account/unsubscribe", {
      title: "Stop review reminders",
      action: `?${query}`,
      done: false,
    });
  });

  router.post("/reminders/unsubscribe", async (req, res) => {
    const { u, s } = req.query;
    if (!verifyUnsubscribe(u, s, deps.secret)) return res.status(400).render("error", INVALID);
    await turnOffReminders(String(u), deps.clock());
    res.render("account/unsubscribe", { title: "Reminders are off", action: "", done: true });
  });

  return router;
}
