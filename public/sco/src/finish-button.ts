import { button, h } from "./dom.ts";
import { finishSession } from "./lms-session.ts";
import { lms, session } from "./state.ts";

// The finish screen's way out: it commits and terminates the LMS session (once: leaving the page
// afterwards does nothing more), then says what happened. If the LMS refuses the commit, the save
// notice stays up and the session terminates as soon as a retry goes through.

export function finishButton(): HTMLElement | null {
  if (!lms) return null;
  const said = h("p", {
    class: "sco-finish-status",
    role: "status",
    "data-testid": "finish-status",
  });
  const done = "Your progress is saved. You can close this module now.";
  const finish = button("Finish", "finish", () => {
    finishSession(false);
    finish.disabled = true;
    if (session.terminated) {
      said.textContent = done;
      return;
    }
    said.textContent = "Finishing as soon as the learning system saves your progress…";
    // The retries in save.ts terminate once a commit goes through; say so when it has.
    const watch = setInterval(() => {
      if (!session.terminated) return;
      clearInterval(watch);
      said.textContent = done;
    }, 500);
  });
  return h("div", { class: "sco-finish" }, finish, said);
}
