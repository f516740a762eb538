import mongoose from "mongoose";
import { displayNames } from "../authoring/user-names.ts";
import { Module } from "../content/module-model.ts";
import type { AuditEventView } from "./list-audit-events.ts";

// The audit log as people read it: "Ada published version 3 of Giving feedback" instead of
// `module.publish` on `6b0e13…`. Names and titles are looked up when the page is shown, in one
// query each, so a renamed module or account reads with its current name.

export interface AuditLine {
  id: string;
  at: Date;
  who: string;
  /** The sentence around the thing acted on: `${before} ${target} ${after}`. */
  what: { before: string; target?: { text: string; href?: string }; after?: string };
  /** The publish note, the old slug, and the like; "" when there is nothing more to say. */
  note: string;
}

export async function describeAuditEvents(events: AuditEventView[]): Promise<AuditLine[]> {
  const userIds = events.filter((e) => e.target.kind === "user").map((e) => e.target.id);
  const moduleIds = events
    .filter((e) => e.target.kind === "module" && mongoose.isValidObjectId(e.target.id))
    .map((e) => e.target.id);
  const [users, modules] = await Promise.all([displayNames(userIds), moduleTitles(moduleIds)]);
  return events.map((e) => {
    const target =
      e.target.kind === "user"
        ? { text: users.get(e.target.id) ?? text(e.detail.email) ?? "a removed account" }
        : moduleTarget(e, modules.get(e.target.id));
    return { id: e.id, at: e.at, who: e.actorName, ...sentence(e, target) };
  });
}

function sentence(
  e: AuditEventView,
  target: { text: string; href?: string },
): Pick<AuditLine, "what" | "note"> {
  const d = e.detail;
  switch (e.action) {
    case "module.create":
      return { what: { before: "Created", target }, note: "" };
    case "module.save":
      return {
        what: { before: "Saved a draft of", target },
        note: text(d.previousSlug) ? `Slug changed from “${text(d.previousSlug)}”` : "",
      };
    case "module.duplicate":
      return {
        what: { before: "Made", target, after: text(d.from) ? `as a copy of “${d.from}”` : "" },
        note: "",
      };
    case "module.archive":
      return { what: { before: "Archived", target }, note: "" };
    case "module.unarchive":
      return { what: { before: "Restored", target }, note: "from the archive" };
    case "module.publish":
      return {
        what: { before: `Published version ${num(d.version) ?? "?"} of`, target },
        note: text(d.note) ? `Note: ${text(d.note)}` : "",
      };
    case "module.import-article":
      return {
        what: { before: "Imported", target, after: "from an article" },
        note: lessons(d.lessons),
      };
    case "module.import-zip":
      return {
        what: { before: "Imported", target, after: "from a courses zip" },
        note: lessons(d.lessons),
      };
    case "user.role":
      return {
        what: {
          before: "Changed the role of",
          target,
          after: `from ${text(d.from) ?? "?"} to ${text(d.to) ?? "?"}`,
        },
        note: "",
      };
    case "user.disable":
      return { what: { before: "Disabled the account of", target }, note: "" };
    case "user.enable":
      return { what: { before: "Enabled the account of", target }, note: "" };
    default:
      return { what: { before: e.action, target }, note: "" };
  }
}

/** The module by its current title and slug (it may have been renamed since). */
function moduleTarget(e: AuditEventView, now: { title: string; slug: string } | undefined) {
  const slug = now?.slug ?? e.target.slug;
  return {
    text: now?.title ?? e.target.slug ?? "a removed module",
    ...(slug ? { href: `/admin/modules/${encodeURIComponent(slug)}` } : {}),
  };
}

async function moduleTitles(ids: string[]): Promise<Map<string, { title: string; slug: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await Module.find({ _id: { $in: [...new Set(ids)] } })
    .select("title slug")
    .lean();
  return new Map(rows.map((m) => [String(m._id), { title: m.title, slug: m.slug }]));
}

const text = (v: unknown): string | undefined => (typeof v === "string" && v ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === "number" ? v : undefined);
const lessons = (v: unknown) => {
  const n = num(v);
  return n === undefined ? "" : `${n} ${n === 1 ? "lesson" : "lessons"}`;
};
