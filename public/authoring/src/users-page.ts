// The users page: its forms work without JS (post and redirect back); with JS, role and
// enabled/disabled changes go to the users API as JSON, the row updates in place and the outcome
// is announced. The server refuses changes to one's own account.
import { callApi } from "./api.ts";
import { byId } from "./dom.ts";

const root = byId("users", HTMLElement);
const status = byId("users-status", HTMLElement);
const csrf = root.dataset.csrf ?? "";

async function send(url: string, payload: Record<string, unknown>) {
  const { res, body } = await callApi<unknown>(url, { csrf, body: JSON.stringify(payload) });
  if (!res.ok) throw new Error(body.error ?? res.statusText);
  return body;
}

/** The form control named `name`, which the page's forms always have. */
function control(form: HTMLFormElement, name: string): HTMLInputElement | HTMLSelectElement {
  const el = form.elements.namedItem(name);
  if (el instanceof HTMLInputElement || el instanceof HTMLSelectElement) return el;
  throw new Error(`The form has no control named ${name}`);
}

root.addEventListener("submit", async (event) => {
  const form = event.target instanceof Element && event.target.closest("form[data-action]");
  if (!(form instanceof HTMLFormElement)) return;
  event.preventDefault();
  const row = form.closest("tr");
  const who = row?.dataset.email;
  const submit = form.querySelector("button");
  if (!row || !submit) return;
  submit.disabled = true;
  try {
    const api = form.dataset.api ?? "";
    if (form.dataset.action === "role") {
      const role = control(form, "role").value;
      await send(api, { role });
      status.textContent = `${who} is now ${/^[aeiou]/.test(role) ? "an" : "a"} ${role}.`;
    } else {
      const input = control(form, "disabled");
      const disabled = input.value === "true";
      await send(api, { disabled });
      input.value = disabled ? "false" : "true";
      const label = form.querySelector("[data-label]");
      if (label) label.textContent = disabled ? "Enable" : "Disable";
      submit.classList.toggle("button--danger", !disabled);
      submit.classList.toggle("button--secondary", disabled);
      const state = row.querySelector("[data-disabled-text]");
      if (state) state.textContent = disabled ? "Disabled" : "Active";
      status.textContent = `${who} is ${disabled ? "disabled" : "enabled"}.`;
    }
  } catch (err) {
    status.textContent = `Not changed for ${who}: ${err instanceof Error ? err.message : err}`;
  } finally {
    submit.disabled = false;
  }
});
