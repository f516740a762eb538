// The users page: its forms work without JS (post and redirect back); with JS, role and
// enabled/disabled changes go to the users API as JSON, the row updates in place and the outcome
// is announced. The server refuses changes to one's own account.

const root = document.getElementById("users");
const status = document.getElementById("users-status");
const csrf = root.dataset.csrf;

async function send(url, payload) {
  const res = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "application/json",
      "x-csrf-token": csrf,
    },
    body: JSON.stringify(payload),
    credentials: "same-origin",
  });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(body.error ?? res.statusText);
  return body;
}

root.addEventListener("submit", async (event) => {
  const form = event.target.closest("form[data-action]");
  if (!form) return;
  event.preventDefault();
  const row = form.closest("tr");
  const who = row.dataset.email;
  const submit = form.querySelector("button");
  submit.disabled = true;
  try {
    if (form.dataset.action === "role") {
      const role = form.elements.role.value;
      await send(form.dataset.api, { role });
      status.textContent = `${who} is now ${/^[aeiou]/.test(role) ? "an" : "a"} ${role}.`;
    } else {
      const input = form.elements.disabled;
      const disabled = input.value === "true";
      await send(form.dataset.api, { disabled });
      input.value = disabled ? "false" : "true";
      form.querySelector("[data-label]").textContent = disabled ? "Enable" : "Disable";
      submit.classList.toggle("button--danger", !disabled);
      submit.classList.toggle("button--secondary", disabled);
      row.querySelector("[data-disabled-text]").textContent = disabled ? "Disabled" : "Active";
      status.textContent = `${who} is ${disabled ? "disabled" : "enabled"}.`;
    }
  } catch (err) {
    status.textContent = `Not changed for ${who}: ${err.message}`;
  } finally {
    submit.disabled = false;
  }
});
