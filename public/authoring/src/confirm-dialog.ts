// Asks before a destructive action (archive, removing a lesson or question, a publish that
// changes what retakes get). A modal <dialog> rather than window.confirm(): it can say what will
// happen in full, its buttons name the action, and focus returns to where the author was.
import { h } from "./dom.ts";

let open: HTMLDialogElement | null = null;

export interface ConfirmOptions {
  title: string;
  message: string;
  confirmLabel: string;
  cancelLabel?: string;
  /** Where focus goes afterwards; by default whatever had it when the dialog opened. */
  returnFocus?: Element | null;
}

/** Resolves true when the author confirms, false when they cancel (button, Escape or closing). */
export function confirmAction({
  title,
  message,
  confirmLabel,
  cancelLabel = "Cancel",
  returnFocus = document.activeElement,
}: ConfirmOptions): Promise<boolean> {
  open?.close("cancel");
  const returnTo = returnFocus;
  const cancel = h("button", {
    type: "button",
    class: "button button--secondary",
    "data-confirm-cancel": "",
    text: cancelLabel,
  });
  const confirm = h("button", {
    type: "button",
    class: "button button--danger",
    "data-confirm-ok": "",
    text: confirmLabel,
  });
  const dialog = h(
    "dialog",
    {
      class: "confirm-dialog",
      "aria-labelledby": "confirm-title",
      "aria-describedby": "confirm-message",
    },
    h("h2", { id: "confirm-title", text: title }),
    h("p", { id: "confirm-message", text: message }),
    h("div", { class: "row-actions" }, confirm, cancel),
  );
  document.body.append(dialog);
  open = dialog;
  return new Promise((resolve) => {
    cancel.addEventListener("click", () => dialog.close("cancel"));
    confirm.addEventListener("click", () => dialog.close("confirm"));
    dialog.addEventListener("close", () => {
      const confirmed = dialog.returnValue === "confirm";
      dialog.remove();
      if (open === dialog) open = null;
      if (returnTo instanceof HTMLElement && returnTo.isConnected) returnTo.focus();
      resolve(confirmed);
    });
    dialog.showModal();
    // The safe choice has focus first: Enter straight away never destroys anything.
    cancel.focus();
  });
}
