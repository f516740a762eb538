// Review answers given without a connection (views/review/review.ejs): the form is sent with
// fetch; when nothing answers, the answer is kept on the device (review-queue.ts) and sent again
// when the connection returns, from whichever of the same learner's pages is open. The server
// records a card's answer once, so sending it twice is harmless.
import { forgetAnswer, keepAnswer, type QueuedAnswer, queuedFor } from "./review-queue.ts";
import { replayOutcome } from "./review-replay-outcome.ts";
import { pageCsrfToken, pageLearner } from "./signed-in-page.ts";

const ANSWER_URL = "/review/answer";
const RETRY_MS = 15_000;

const SAVED = "Your answer is saved on this device and is sent when you are back online.";
const SAVED_OFFLINE =
  "You are offline. Your answer is saved on this device and is sent when you are back online; its feedback shows then.";
const SIGN_IN_AGAIN =
  "Your review answer is still saved on this device, but your sign-in has ended. Sign in again to send it.";
const REFUSED =
  "A review answer saved on this device could not be recorded: the question is no longer in today's review, or the answer was incomplete. Open the review to carry on.";

/** Rejects only when the server could not be reached at all. */
function send(fields: [string, string][], csrfToken?: string): Promise<Response> {
  return fetch(ANSWER_URL, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: csrfToken ? { "x-csrf-token": csrfToken } : {},
    credentials: "same-origin",
    redirect: "follow",
  });
}

const reviewForm = () => document.querySelector<HTMLFormElement>(`form[action="${ANSWER_URL}"]`);
const shownCard = () => reviewForm()?.querySelector<HTMLInputElement>('input[name="card"]')?.value;

/** The polite live region the messages go in: under the review form, or atop the page. */
function statusRegion(): HTMLElement {
  let region = document.getElementById("review-offline-status");
  if (!region) {
    region = document.createElement("p");
    region.id = "review-offline-status";
    region.className = "notice";
    region.setAttribute("role", "status");
    region.dataset.testid = "review-offline-status";
    const form = reviewForm();
    if (form) form.after(region);
    else (document.getElementById("main") ?? document.body).prepend(region);
  }
  return region;
}

function say(text: string, link?: { href: string; label: string }): void {
  const region = statusRegion();
  region.textContent = `${text} `;
  if (link) {
    const a = document.createElement("a");
    a.href = link.href;
    a.textContent = link.label;
    region.append(a);
  }
}

let replaying = false;
let retryTimer: number | undefined;

function retryLater(): void {
  window.clearTimeout(retryTimer);
  retryTimer = window.setTimeout(replay, RETRY_MS);
}

/**
 * Sends this learner's kept answers in order, with this page's form token (the one stored with
 * an answer may belong to a session that has since ended). Stops at the first that cannot be
 * sent yet; another learner's answers are never sent from this learner's page.
 */
async function replay(): Promise<void> {
  const learner = pageLearner();
  const token = pageCsrfToken();
  if (replaying || !learner || !token) return;
  replaying = true;
  window.clearTimeout(retryTimer);
  try {
    for (;;) {
      const [first] = queuedFor(learner);
      if (!first) return;
      let res: Response;
      try {
        res = await send(first.fields, token);
      } catch {
        retryLater();
        return;
      }
      const outcome = replayOutcome(res.status, res.url, first.card);
      if (outcome === "sign-in") {
        // Kept: the next page this learner opens after signing in sends it.
        const next = `${location.pathname}${location.search}`;
        say(SIGN_IN_AGAIN, { href: `/login?next=${encodeURIComponent(next)}`, label: "Sign in" });
        return;
      }
      if (outcome === "later") {
        retryLater();
        return;
      }
      forgetAnswer(learner, first.card);
      if (outcome === "refused") say(REFUSED, { href: "/review", label: "Open the review" });
      else if (shownCard() === first.card) {
        window.location.assign(res.url);
        return;
      }
    }
  } finally {
    replaying = false;
  }
}

function enhance(form: HTMLFormElement, learner: string): void {
  const card = shownCard();
  if (card && queuedFor(learner).some((q) => q.card === card)) say(SAVED);
  else statusRegion();
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const fields = [...new FormData(form)].flatMap(([k, v]) =>
      typeof v === "string" ? [[k, v] as [string, string]] : [],
    );
    const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
    if (button) button.disabled = true;
    try {
      const res = await send(fields);
      // Recorded: show its feedback. Anything else (a missing answer, an ended sign-in) is the
      // server's page to show: the form is sent the ordinary way, and a card answered twice is
      // recorded once.
      if (res.ok && res.redirected) window.location.assign(res.url);
      else form.submit();
    } catch {
      const answer: QueuedAnswer = {
        learner,
        card: fields.find(([k]) => k === "card")?.[1] ?? "",
        fields: fields.filter(([k]) => k !== "_csrf"),
      };
      keepAnswer(answer);
      say(SAVED_OFFLINE);
      retryLater();
    }
  });
}

const form = reviewForm();
const learner = pageLearner();
// The review page is only ever rendered signed in; a form without a learner is left to the browser.
if (form && learner) enhance(form, learner);
window.addEventListener("online", () => void replay());
void replay();
