import { createApi, element } from "./scorm-again.ts";

// Hosts the draft's SCO bundle with a SCORM 2004 API that keeps everything in the page: no
// commit URL and no commit handler, so previewing never creates or changes an Attempt.

declare global {
  interface Window {
    RapportPreview: { api: unknown };
  }
}

const frame = element<HTMLIFrameElement>("sco-frame");
const passMark = Number(frame.dataset.passMark);
const api = createApi({
  learner_id: "preview",
  learner_name: "Preview",
  entry: "ab-initio",
  ...(Number.isFinite(passMark) ? { scaled_passing_score: String(passMark / 100) } : {}),
});
frame.src = frame.dataset.src ?? "";
window.RapportPreview = { api };
