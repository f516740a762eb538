// Publishing: saves any pending edit first, so what gets published is what the author sees, and
// refuses while the draft has errors or someone else has changed it.

export function setupPublish({ csrf, slug, saver, onPublished }) {
  const buttonEl = document.getElementById("publish-button");
  const note = document.getElementById("publish-note");
  const status = document.getElementById("publish-status");
  const say = (text, state) => {
    status.dataset.state = state;
    status.textContent = text;
  };

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
      const res = await fetch(`/api/admin/modules/${encodeURIComponent(slug())}/publish`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/json",
          "x-csrf-token": csrf,
        },
        // The revision this author sees: if someone saves in between, the server refuses (409)
        // rather than publish a draft this author never looked at.
        body: JSON.stringify({ note: note.value.trim(), revision: saver.revision }),
        credentials: "same-origin",
      });
      const body = await res.json().catch(() => ({}));
      if (!res.ok) {
        say(`Not published: ${body.error ?? res.statusText}`, "invalid");
        return;
      }
      note.value = "";
      say(`Published version ${body.version}.`, "saved");
      onPublished(body.version);
    } catch {
      say("Not published: cannot reach Rapport. Try again.", "invalid");
    } finally {
      buttonEl.disabled = false;
    }
  });
}
