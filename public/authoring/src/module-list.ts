// The module list: the create form's slug follows the title until the author types their own,
// so the address is in view before anything is created; archiving asks first.
import { suggestSlug } from "../../../server/authoring/suggest-slug.ts";
import { confirmAction } from "./confirm-dialog.ts";

const title = document.getElementById("f-title");
const slug = document.getElementById("f-slug");
if (title instanceof HTMLInputElement && slug instanceof HTMLInputElement) {
  // The slug is the author's own once they edit it (or once the server suggested one).
  let followsTitle = slug.value === "" || slug.value === suggestSlug(title.value);
  slug.addEventListener("input", () => {
    followsTitle = slug.value === "";
  });
  title.addEventListener("input", () => {
    if (followsTitle) slug.value = suggestSlug(title.value);
  });
}

document.addEventListener("submit", async (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.dataset.confirm) return;
  if (form.dataset.confirmed === "yes") return;
  event.preventDefault();
  const ok = await confirmAction({
    title: form.dataset.confirmTitle ?? "Are you sure?",
    message: form.dataset.confirm,
    confirmLabel: form.dataset.confirmLabel ?? "Yes",
  });
  if (!ok) return;
  form.dataset.confirmed = "yes";
  form.requestSubmit();
});
