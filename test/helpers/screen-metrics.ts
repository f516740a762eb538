import type { Frame, Page } from "playwright-core";

// What a person sees of a page's layout: which elements scroll, and how much of the screen an
// element takes. Read in every frame, since the player frames the SCO bundle.

/** Elements that scroll (in any frame): they can scroll and have something to scroll to. */
export async function scrollingElements(page: Page): Promise<string[]> {
  const found: string[] = [];
  for (const frame of page.frames()) found.push(...(await scrollersIn(frame)));
  return found;
}

async function scrollersIn(frame: Frame): Promise<string[]> {
  // A frame is named by its file, without the query the player adds (index.html?host-bar=1).
  const file = frame
    .url()
    .replace(/[?#].*$/, "")
    .replace(/^.*\//, "");
  const where = frame === frame.page().mainFrame() ? "page" : file;
  return frame.evaluate((where) => {
    // No named helpers in here: the test runner's transform would wrap them in a function
    // the page does not have.
    const names: string[] = [];
    const root = document.scrollingElement;
    for (const el of [document.documentElement, ...document.querySelectorAll("body, body *")]) {
      const style = getComputedStyle(el);
      // The document scrolls unless its root or body hides the overflow.
      const overflow =
        el === root && getComputedStyle(document.body).overflowY === "hidden"
          ? "hidden"
          : style.overflowY;
      if (el === document.body && el !== root) continue;
      const scrolls =
        el.scrollHeight > el.clientHeight + 1 &&
        (overflow === "auto" || overflow === "scroll" || (el === root && overflow !== "hidden"));
      if (scrolls) {
        const id = el.id
          ? `#${el.id}`
          : el.className
            ? `.${String(el.className).split(" ")[0]}`
            : "";
        names.push(`${where}: ${el.tagName.toLowerCase()}${id}`);
      }
    }
    return names;
  }, where);
}

/** The height of the element matching `selector` in the page, as a share of the viewport's. */
export async function shareOfViewportHeight(page: Page, selector: string): Promise<number> {
  return page.evaluate((selector) => {
    const el = document.querySelector(selector);
    if (!el) throw new Error(`${selector} is not on the page`);
    return el.getBoundingClientRect().height / window.innerHeight;
  }, selector);
}
