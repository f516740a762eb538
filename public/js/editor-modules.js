// The module list: the create form's slug follows the title until the author types their own,
// so the address is in view before anything is created; archiving asks first.
import { confirmAction } from "./editor-confirm.js";

const FILLER = new Set(
  "a an the of and or to for with your you in on at how why what is are be by from into about our my".split(
    " ",
  ),
);

/**
 * The title's meaningful words as a slug of at most 40 characters. The same rule as the
 * server's suggestSlug (module-slugs.ts); the server checks whatever is submitted anyway.
 */
export function suggestSlug(title, max = 40) {
  const words = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .split(" ")
    .filter(Boolean);
  const meaningful = words.filter((w) => !FILLER.has(w));
  let slug = "";
  for (const word of meaningful.length > 0 ? meaningful : words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > max) break;
    slug = next;
  }
  return slug || (words[0] ?? "").slice(0, max);
}

const title = document.getElementById("f-title");
const slug = document.getElementById("f-slug");
if (title && slug) {
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
