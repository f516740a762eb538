// Hosts the draft's SCO bundle with a SCORM 2004 API that keeps everything in the page: no
// commit URL and no commit handler, so previewing never creates or changes an Attempt.
(() => {
  const frame = document.getElementById("sco-frame");
  const api = new window.Scorm2004API({ autocommit: false, lmsCommitUrl: false, logLevel: 5 });
  const passMark = Number(frame.dataset.passMark);
  api.loadFromJSON(
    {
      learner_id: "preview",
      learner_name: "Preview",
      entry: "ab-initio",
      ...(Number.isFinite(passMark) ? { scaled_passing_score: String(passMark / 100) } : {}),
    },
    "cmi",
  );
  window.API_1484_11 = api;
  frame.src = frame.dataset.src;
  window.RapportPreview = { api };
})();
