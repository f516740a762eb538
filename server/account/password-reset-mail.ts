import type { MailMessage } from "../mail/mailer.ts";

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function resetMail(input: { to: string; name: string; url: string }): MailMessage {
  const text = [
    `Hello ${input.name},`,
    "",
    "Someone asked to reset the password of your Rapport account. To choose a new password, open",
    "this link within one hour (it works once):",
    "",
    input.url,
    "",
    "If you did not ask for this, ignore this email: your password stays as it is.",
  ].join("\n");
  const html = `<p>Hello ${escapeHtml(input.name)},</p>
<p>Someone asked to reset the password of your Rapport account. To choose a new password, open
this link within one hour (it works once):</p>
<p><a href="${escapeHtml(input.url)}">Choose a new password</a></p>
<p>If you did not ask for this, ignore this email: your password stays as it is.</p>`;
  return { to: input.to, subject: "Reset your Rapport password", text, html };
}
