// Reading and writing the draft by dotted path, and turning input values into the types the
// content schema expects. A value that is not a number stays a string on purpose: the server
// then names the field ("expected number"), which beats silently saving a 0.
import type { Draft } from "./draft.ts";

type Key = string | number;
/** Any object or array on the way down a path, read and written by key. */
type Container = Record<Key, unknown>;

const split = (path: string): Key[] =>
  path.split(".").map((part) => (/^\d+$/.test(part) ? Number(part) : part));

export function getAt(obj: unknown, path: string): unknown {
  let cur = obj;
  for (const key of split(path)) {
    if (cur === null || cur === undefined) return undefined;
    cur = (Object(cur) as Container)[key];
  }
  return cur;
}

export function setAt(obj: object, path: string, value: unknown) {
  const keys = split(path);
  const last = keys.pop();
  if (last === undefined) return;
  let cur = obj as Container;
  for (const [i, key] of keys.entries()) {
    const next = cur[key];
    if (next === null || typeof next !== "object") {
      cur[key] = typeof (keys[i + 1] ?? last) === "number" ? [] : {};
    }
    cur = cur[key] as Container;
  }
  cur[last] = value;
}

/** A control the editor binds to the draft through its `data-path`. */
export type BoundControl = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

/** The value an input stands for, by its `data-kind`. */
export function readInput(input: BoundControl): unknown {
  const kind = input.dataset.kind;
  const raw = input.value;
  if (kind === "bool") return "checked" in input ? input.checked : undefined;
  if (kind === "bool-radio") return raw === "true";
  if (kind === "csv") {
    return raw
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
  }
  if (kind === "int" || kind === "number") {
    if (raw.trim() === "") return raw;
    const n = Number(raw);
    return Number.isFinite(n) ? n : raw;
  }
  return raw;
}

/** Moves list[from] to position `to`, in place. */
export function move<T>(list: T[], from: number, to: number): boolean {
  if (to < 0 || to >= list.length || from === to) return false;
  const [item] = list.splice(from, 1);
  if (item === undefined) return false;
  list.splice(to, 0, item);
  return true;
}

/** The first id of the form `${prefix}-N` that no question or lesson in the draft uses yet. */
export function freshId(draft: Draft, prefix: string): string {
  const used = new Set<string>();
  for (const lesson of draft.lessons ?? []) {
    used.add(lesson.id);
    for (const q of lesson.checks ?? []) used.add(q.id);
  }
  for (const q of draft.quiz ?? []) used.add(q.id);
  for (const r of draft.reflections ?? []) used.add(r.id);
  return freshIn(used, prefix);
}

/** The first `${prefix}-N` not in `used`: ids made here never collide with a sibling's. */
export function freshIn(used: Set<string>, prefix: string): string {
  for (let n = 1; ; n++) if (!used.has(`${prefix}-${n}`)) return `${prefix}-${n}`;
}
