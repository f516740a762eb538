// Publishing: saves any pending edit first, so what gets published is what the author sees, and
// refuses while the draft has errors or someone else has changed it. The server also refuses a
// draft that still holds placeholder text (each field is then marked), and asks before a new
// version replaces one that learners have already started (what a retake gets changes).
import { callApi } from "./api.ts";
import type { Saver } from "./autosave.ts";
import { confirmAction } from "./confirm-dialog.ts";
import { byId } from "./dom.ts";

/** What a publish answers: the new version, or (428) a question to ask the author first. */
interface PublishAnswer {
  version: number;
  confirm: boolean;
}

export interface PublishOptions {
  csrf: string;
  slug(): string;
  saver: Saver;
  onPublished(version: number): void;
  /** A refused publish names the fields still holding placeholders. */
  onBlocked(fields: Record<string, string>): void;
}

export function setupPublish({ csrf, slug, saver, onPublished, onBlocked }: PublishOptions) {
  const buttonEl = byId("publish-button", HTMLButtonElement);
  const note = byId("publish-note", HTMLTextAreaElement);
  const status = byId("publish-status", HTMLElement);
  const say = (text: string, state: string) => {
    status.dataset.state = state;
    status.textContent = text;
  };

  const post = (confirmRetakes: boolean) =>
    callApi<PublishAnswer>(`/api/admin/modules/${encodeURIComponent(slug())}/publish`, {
      csrf,
      // The revision this author sees: if someone saves in between, the server refuses (409)
      // rather than publish a draft this author never looked at.
      body: JSON.stringify({
        note: note.value.trim(),
        revision: saver.revision,
        ...(confirmRetakes ? { confirmRetakes: true } : {}),
      }),
    });

  buttonEl.addEventListener("click", async () => {
    buttonEl.disabled = true;
    try {
      say("Saving your changes before publishing…", "saving");
      const saved = await saver.flush();
      if (saved !== "saved") {
        say(
          saved === "conflict"
            ? "Not published: someone else changed this module. Reload first."
            : "Not published: the draft is not saved. Fix the errors above first.",
          "invalid",
        );
        return;
      }
      say("Publishing…", "saving");
      let { res, body } = await post(false);
      if (res.status === 428 && body.confirm) {
        // Enabled while the dialog is open, so focus can come back to it afterwards.
        buttonEl.disabled = false;
        const ok = await confirmAction({
          title: "Publish a new version?",
          message: body.error ?? "",
          confirmLabel: "Publish",
          // The button was disabled while publishing, which took focus away from it.
          returnFocus: buttonEl,
        });
        buttonEl.disabled = true;
        if (!ok) {
          say("Not published.", "");
          return;
        }
        say("Publishing…", "saving");
        ({ res, body } = await post(true));
      }
      if (res.status === 400 && body.fields) {
        say(body.error ?? "Not published: fix the marked fields first.", "invalid");
        // Focus moves to the first field to fix; the status above says why.
        onBlocked(body.fields);
        return;
      }
      if (!res.ok) {
        say(`Not published: ${body.error ?? res.statusText}`, "invalid");
        return;
      }
      note.value = "";
      say(`Published version ${body.version}.`, "saved");
      if (body.version !== undefined) onPublished(body.version);
    } catch {
      say("Not published: cannot reach Rapport. Try again.", "invalid");
    } finally {
      buttonEl.disabled = false;
    }
  });
}
