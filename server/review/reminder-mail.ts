import type { MailMessage } from "../mail/mailer.ts";

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The daily nudge: how many questions wait, the streak at stake, and one link to stop them. */
export function reminderMail(input: {
  to: string;
  name: string;
  due: number;
  streak: number;
  publicUrl: string;
  unsubscribeUrl: string;
}): MailMessage {
  const questions = input.due === 1 ? "1 question" : `${input.due} questions`;
  const reviewUrl = `${input.publicUrl}/review`;
  const settingsUrl = `${input.publicUrl}/account/settings`;
  const streakLine =
    input.streak > 0
      ? `Finish today's review to make your streak ${input.streak + 1} days.`
      : "A few minutes today starts a new streak.";
  const text = [
    `Hello ${input.name},`,
    "",
    `You have ${questions} to review today. It takes a few minutes and helps what you learned stick.`,
    streakLine,
    "",
    `Start your review: ${reviewUrl}`,
    "",
    `Change the reminder time: ${settingsUrl}`,
    `Stop these reminders: ${input.unsubscribeUrl}`,
  ].join("\n");
  const html = `<p>Hello ${escapeHtml(input.name)},</p>
<p>You have ${questions} to review today. It takes a few minutes and helps what you learned stick.
${escapeHtml(streakLine)}</p>
<p><a href="${escapeHtml(reviewUrl)}">Start your review</a></p>
<p style="font-size:0.9em;color:#555"><a href="${escapeHtml(settingsUrl)}">Change the reminder time</a> ·
<a href="${escapeHtml(input.unsubscribeUrl)}">Stop these reminders</a></p>`;
  return {
    to: input.to,
    subject: `${questions} to review today`,
    text,
    html,
    // Mail clients offer a one-click unsubscribe from these (RFC 8058).
    headers: {
      "List-Unsubscribe": `<${input.unsubscribeUrl}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
  };
}
