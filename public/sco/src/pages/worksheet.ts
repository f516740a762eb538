import { content, type ScoContent } from "../content.ts";
import { button, h } from "../dom.ts";

export function renderWorksheet(): HTMLElement[] {
  const body = h("div", { class: "sco-worksheet-body" });
  // Only listed as a page when the module has one.
  body.innerHTML = (content.worksheet as NonNullable<ScoContent["worksheet"]>).html;
  return [button("Print worksheet", "print-worksheet", () => window.print()), body];
}
