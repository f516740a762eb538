// Review answers given without a connection (views/review/review.ejs): the form is sent with
// fetch; when nothing answers, the answer is kept in localStorage and sent again when the
// connection returns, from whichever Rapport page is open. The server records a card's answer
// once, so sending it twice is harmless.
import { REVIEW_QUEUE_KEY } from "../../sw/src/offline-rules.ts";

interface QueuedAnswer {
  card: string;
  fields: [string, string][];
}

const ANSWER_URL = "/review/answer";
const RETRY_MS = 15_000;

function readQueue(): QueuedAnswer[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(REVIEW_QUEUE_KEY) ?? "[]");
    return Array.isArray(parsed) ? (parsed as QueuedAnswer[]) : [];
  } catch {
    return [];
  }
}

function writeQueue(queue: QueuedAnswer[]): void {
  if (queue.length === 0) localStorage.removeItem(REVIEW_QUEUE_KEY);
  else localStorage.setItem(REVIEW_QUEUE_KEY, JSON.stringify(queue));
}

/** Rejects only when the server could not be reached at all. */
function send(fields: [string, string][]): Promise<Response> {
  return fetch(ANSWER_URL, {
    method: "POST",
    body: new URLSearchParams(fields),
    credentials: "same-origin",
    redirect: "follow",
  });
}

const shownCard = () =>
  document.querySelector<HTMLInputElement>('form[action="/review/answer"] input[name="card"]')
    ?.value;

let replaying = false;
let retryTimer: number | undefined;

/** Sends the kept answers in order; stops at the first that still cannot reach the server. */
async function replay(): Promise<void> {
  if (replaying) return;
  replaying = true;
  window.clearTimeout(retryTimer);
  try {
    for (;;) {
      const [first] = readQueue();
      if (!first) return;
      let res: Response;
      try {
        res = await send(first.fields);
      } catch {
        retryTimer = window.setTimeout(replay, RETRY_MS);
        return;
      }
      // Any answer from the server settles it: recorded, or refused for good (the day is over,
      // the session ended); keeping it would only send it again.
      writeQueue(readQueue().filter((q) => q.card !== first.card));
      if (res.ok && shownCard() === first.card) {
        window.location.assign(res.url);
        return;
      }
    }
  } finally {
    replaying = false;
  }
}

function statusRegion(form: HTMLFormElement): HTMLElement {
  let region = document.getElementById("review-offline-status");
  if (!region) {
    region = document.createElement("p");
    region.id = "review-offline-status";
    region.className = "notice";
    region.setAttribute("role", "status");
    region.dataset.testid = "review-offline-status";
    form.after(region);
  }
  return region;
}

function enhance(form: HTMLFormElement): void {
  const region = statusRegion(form);
  const card = shownCard();
  if (card && readQueue().some((q) => q.card === card)) {
    region.textContent =
      "Your answer is saved on this device and is sent when you are back online.";
  }
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const fields = [...new FormData(form)].flatMap(([k, v]) =>
      typeof v === "string" ? [[k, v] as [string, string]] : [],
    );
    const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
    if (button) button.disabled = true;
    try {
      const res = await send(fields);
      // Recorded: show its feedback. Anything else (a missing answer, say) is the server's page
      // to show: the form is sent the ordinary way, and a card answered twice is recorded once.
      if (res.ok && res.redirected) window.location.assign(res.url);
      else form.submit();
    } catch {
      const cardId = fields.find(([k]) => k === "card")?.[1] ?? "";
      writeQueue([...readQueue().filter((q) => q.card !== cardId), { card: cardId, fields }]);
      region.textContent =
        "You are offline. Your answer is saved on this device and is sent when you are back online; its feedback shows then.";
      retryTimer = window.setTimeout(replay, RETRY_MS);
    }
  });
}

const form = document.querySelector<HTMLFormElement>('form[action="/review/answer"]');
if (form) enhance(form);
window.addEventListener("online", () => void replay());
void replay();
