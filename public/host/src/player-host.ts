import type { HostHello, PlayerConfig } from "../../../server/player/host-messages.ts";
import { SAVED_COPY_PREFIX } from "../../sw/src/offline-rules.ts";
import { type Commit, commitQueue, readStored, type SaveState } from "./commit-queue.ts";
import { createApi, element } from "./scorm-again.ts";

// Rapport's player: provides the SCORM 2004 API (scorm-again) to the framed SCO bundle, delivers
// its commits to the server (commit-queue.ts), shows the saved state and the learner's progress
// in the slim bar, and tells the SCO where its end screen may lead (My learning, the next module,
// the certificate).

declare global {
  interface Window {
    RapportPlayer: { api: unknown; flush(): Promise<void>; pendingKey: string };
  }
}

const RESUMABLE = [
  "location",
  "suspend_data",
  "completion_status",
  "success_status",
  "score",
  "progress_measure",
  "interactions",
];

const config = JSON.parse(element("player-config").textContent ?? "{}") as PlayerConfig;
const statusEl = element("save-status");
const progressEl = element("player-progress");
const frame = element<HTMLIFrameElement>("sco-frame");
const pendingKey = `rapport:pending:${config.attemptId}`;
// Cleared with the learner's caches on sign-out (public/pwa/src/service-worker-registration.ts).
const savedKey = `${SAVED_COPY_PREFIX}${config.attemptId}`;
const session = Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) =>
  b.toString(16).padStart(2, "0"),
).join("");

const show = (state: SaveState, text: string) => {
  statusEl.dataset.state = state;
  statusEl.textContent = text;
};

const showProgress = (measure: unknown) => {
  const ratio = Number(measure);
  const percent = Number.isFinite(ratio) ? Math.round(Math.min(1, Math.max(0, ratio)) * 100) : 0;
  progressEl.setAttribute("value", String(percent));
  progressEl.textContent = `${percent}%`;
};

// Unsent work from an earlier visit is newer than what the server has: resume from it. So is a
// saved copy newer than this page (a kept copy of the page, shown offline).
const pending = readStored(pendingKey);
const saved = readStored(savedKey);
if (saved && saved.seq <= config.seq) localStorage.removeItem(savedKey);
const newest = [pending, saved].reduce<Commit | null>(
  (best, s) => (s && s.seq > (best ? best.seq : config.seq) ? s : best),
  null,
);
let seq = config.seq;
const cmi = { ...config.cmi };
if (newest) {
  for (const key of RESUMABLE) if (newest.cmi[key] !== undefined) cmi[key] = newest.cmi[key];
  cmi.entry = "resume";
  seq = newest.seq;
}
showProgress(cmi.progress_measure);

const api = createApi(cmi);
const queue = commitQueue({
  api,
  commitUrl: config.commitUrl,
  commitToken: config.commitToken,
  pendingKey,
  savedKey,
  session,
  seq,
  show,
});
const commitNow = () => {
  queue.commitNow();
  showProgress(api.GetValue("cmi.progress_measure"));
};
api.on("Commit", commitNow);
api.on("Terminate", commitNow);
window.addEventListener("online", () => void queue.flush());
window.addEventListener("pagehide", () => void queue.flush());

// The SCO says when it listens; the load event covers a SCO that started before this ran.
const hello: HostHello = { type: "rapport:host", links: config.links };
const greet = () => frame.contentWindow?.postMessage(hello, location.origin);
frame.addEventListener("load", greet);
window.addEventListener("message", (event) => {
  if (event.source === frame.contentWindow && event.data?.type === "rapport:ready") greet();
});

if (pending && pending.seq > config.seq) void queue.flush();
frame.src = frame.dataset.src ?? "";
window.RapportPlayer = { api, flush: queue.flush, pendingKey };
