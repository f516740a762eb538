// Reading and writing the draft by dotted path, and turning input values into the types the
// content schema expects. A value that is not a number stays a string on purpose: the server
// then names the field ("expected number"), which beats silently saving a 0.

const split = (path) => path.split(".").map((part) => (/^\d+$/.test(part) ? Number(part) : part));

export function getAt(obj, path) {
  let cur = obj;
  for (const key of split(path)) {
    if (cur === null || cur === undefined) return undefined;
    cur = cur[key];
  }
  return cur;
}

export function setAt(obj, path, value) {
  const keys = split(path);
  let cur = obj;
  for (const [i, key] of keys.slice(0, -1).entries()) {
    if (cur[key] === null || typeof cur[key] !== "object") {
      cur[key] = typeof keys[i + 1] === "number" ? [] : {};
    }
    cur = cur[key];
  }
  cur[keys[keys.length - 1]] = value;
}

/** The value an input stands for, by its `data-kind`. */
export function readInput(input) {
  const kind = input.dataset.kind;
  const raw = input.value;
  if (kind === "bool") return input.checked;
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
export function move(list, from, to) {
  if (to < 0 || to >= list.length || from === to) return false;
  const [item] = list.splice(from, 1);
  list.splice(to, 0, item);
  return true;
}

/** The first id of the form `${prefix}-N` that no question or lesson in the draft uses yet. */
export function freshId(draft, prefix) {
  const used = new Set();
  for (const lesson of draft.lessons ?? []) {
    used.add(lesson.id);
    for (const q of lesson.checks ?? []) used.add(q.id);
  }
  for (const q of draft.quiz ?? []) used.add(q.id);
  for (const r of draft.reflections ?? []) used.add(r.id);
  for (let n = 1; ; n++) if (!used.has(`${prefix}-${n}`)) return `${prefix}-${n}`;
}
