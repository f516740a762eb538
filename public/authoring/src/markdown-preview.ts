// Live preview of lesson Markdown. The server renders it with the same renderer and sanitizer as
// the SCO bundle, so the preview shows exactly what learners will see. The HTML is also filtered
// here before it touches the page: a second lock in case the server ever let something through.
import { callApi } from "./api.ts";

const ALLOWED_TAGS = new Set(
  "h2 h3 h4 p ul ol li strong em blockquote a code pre hr br table thead tbody tr th td del".split(
    " ",
  ),
);
const DROP_WITH_CONTENT = new Set(["SCRIPT", "STYLE", "IFRAME", "OBJECT", "EMBED", "TEMPLATE"]);
const ALLOWED_ATTRS = new Set(["href", "title", "rel", "target", "align"]);
const SAFE_HREF = /^(https?:|mailto:|#|\/(?!\/))/i;

/** Parses in an inert <template> (no script runs, no image loads) and keeps only known-safe markup. */
export function safeFragment(html: string): DocumentFragment {
  const template = document.createElement("template");
  template.innerHTML = html;
  const walk = (node: ParentNode) => {
    for (const child of [...node.children]) {
      if (DROP_WITH_CONTENT.has(child.tagName)) {
        child.remove();
        continue;
      }
      walk(child);
      if (!ALLOWED_TAGS.has(child.localName)) {
        child.replaceWith(...child.childNodes);
        continue;
      }
      for (const attr of [...child.attributes]) {
        const bad =
          !ALLOWED_ATTRS.has(attr.name) ||
          (attr.name === "href" && !SAFE_HREF.test(attr.value.trim()));
        if (bad) child.removeAttribute(attr.name);
      }
    }
  };
  walk(template.content);
  return template.content;
}

/** Whatever holds lesson Markdown; its object identity keys the cache. */
export interface MarkdownSource {
  markdown?: unknown;
}

export interface MarkdownPreviewer {
  /** Fills a freshly built preview box: from cache when the text has not changed since. */
  attach(lesson: MarkdownSource, target: HTMLElement): void;
  /** After a keystroke: render once the author pauses. */
  schedule(lesson: MarkdownSource, target: HTMLElement): void;
}

/** One previewer per editor: debounced requests per lesson, latest answer wins, HTML cached per lesson. */
export function createMarkdownPreviewer({
  csrf,
  delay = 400,
}: {
  csrf: string;
  delay?: number;
}): MarkdownPreviewer {
  const html = new WeakMap<MarkdownSource, string>();
  const timers = new WeakMap<MarkdownSource, number>();
  const latest = new WeakMap<MarkdownSource, number>();
  let counter = 0;

  async function render(lesson: MarkdownSource, target: HTMLElement) {
    const ticket = ++counter;
    latest.set(lesson, ticket);
    target.setAttribute("aria-busy", "true");
    try {
      const { res, body } = await callApi<{ html: string }>("/api/admin/preview-markdown", {
        csrf,
        body: JSON.stringify({ markdown: lesson.markdown ?? "" }),
      });
      if (latest.get(lesson) !== ticket) return;
      if (!res.ok) throw new Error(body.error ?? res.statusText);
      html.set(lesson, body.html ?? "");
      if (target.isConnected) target.replaceChildren(safeFragment(body.html ?? ""));
    } catch (err) {
      if (latest.get(lesson) === ticket && target.isConnected) {
        target.textContent = `Preview unavailable: ${err instanceof Error ? err.message : err}`;
      }
    } finally {
      if (latest.get(lesson) === ticket) target.removeAttribute("aria-busy");
    }
  }

  return {
    attach(lesson, target) {
      const cached = html.get(lesson);
      if (cached !== undefined) target.replaceChildren(safeFragment(cached));
      else render(lesson, target);
    },
    schedule(lesson, target) {
      html.delete(lesson);
      clearTimeout(timers.get(lesson));
      timers.set(
        lesson,
        setTimeout(() => render(lesson, target), delay),
      );
    },
  };
}
