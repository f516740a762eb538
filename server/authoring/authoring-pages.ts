import { Router } from "express";
import { describeAuditEvents } from "../audit/describe-audit-events.ts";
import { listAuditEvents } from "../audit/list-audit-events.ts";

const AUDIT_PAGE_SIZE = 100;

import { listUsers } from "../auth/admin-users.ts";
import { requireRole } from "../auth/guards.ts";
import { ROLES } from "../auth/roles.ts";
import { Module } from "../content/module-model.ts";
import { moduleContent, QUESTION_TYPES } from "../content/module-schema.ts";
import { PLACEHOLDER_MARK } from "../content/publish-blockers.ts";
import { HttpError, notFound } from "../http/http-errors.ts";
import { jsonForScript } from "../http/json-for-script.ts";
import type { BundleFile } from "../scorm/render-bundle.ts";
import { diffVersions } from "./diff-versions.ts";
import type { EditorPageData } from "./editor-page-data.ts";
import { describeStatus } from "./list-modules.ts";
import { moduleHints } from "./module-hints.ts";
import { actorOf } from "./route-helpers.ts";
import { runAuthoringTask } from "./run-authoring-task.ts";
import { versionHistory } from "./version-history.ts";

// The authoring pages a browser opens. They only read: every change goes through the JSON API
// and form handlers in authoring-routes.ts, so this file holds no rules about what may be saved.

const ADMIN_CSS = "/css/admin.css";
const author = requireRole("author");
const admin = requireRole("admin");

const PREVIEWS_KEPT = 20;
const PREVIEW_TIME_LIMIT_MS = 20_000;
const previews = new Map<string, Promise<BundleFile[]>>();

/**
 * The draft's bundle for one revision, rendered once (on a worker thread, as rendering a big
 * module takes a while) for the page and its script and styles, which are asked for together.
 */
function previewBundle(moduleId: string, revision: number, draft: unknown): Promise<BundleFile[]> {
  const key = `${moduleId}@${revision}`;
  const hit = previews.get(key);
  if (hit) return hit;
  const parsed = moduleContent.safeParse(draft);
  if (!parsed.success) throw new HttpError(409, "The draft has errors; fix them in the editor.");
  const files = runAuthoringTask(
    "renderBundle",
    { content: parsed.data, version: 0, target: "any" },
    {
      timeoutMs: PREVIEW_TIME_LIMIT_MS,
      stopped: () => new HttpError(503, "Rendering this preview took too long. Try again."),
    },
  ).then((rendered) => rendered.map((f) => ({ path: f.path, data: Buffer.from(f.data) })));
  files.catch(() => previews.delete(key));
  previews.set(key, files);
  if (previews.size > PREVIEWS_KEPT) previews.delete(previews.keys().next().value as string);
  return files;
}

async function findModule(slug: string) {
  const mod = await Module.findOne({ slug }).lean();
  if (!mod) throw notFound("Module");
  return mod;
}

export function authoringPagesRouter(): Router {
  const router = Router();

  // Declared before /admin/modules/:slug, which would otherwise take "import" for a slug.
  router.get("/admin/modules/import", author, (_req, res) => {
    res.render("admin/import", { title: "Import a module", extraCss: ADMIN_CSS });
  });

  router.get("/admin/modules/:slug", author, async (req, res) => {
    const mod = await findModule(String(req.params.slug));
    const editor: EditorPageData = {
      slug: mod.slug,
      revision: mod.revision,
      publishedVersion: mod.publishedVersion,
      status: describeStatus(mod),
      questionTypes: QUESTION_TYPES,
      placeholderMark: PLACEHOLDER_MARK,
      hints: moduleHints(mod.draft),
      draft: mod.draft,
    };
    res.render("admin/editor", {
      title: `Edit ${mod.title}`,
      extraCss: ADMIN_CSS,
      module: editor,
      editorJson: jsonForScript(editor),
    });
  });

  router.get("/admin/modules/:slug/preview", author, async (req, res) => {
    const mod = await findModule(String(req.params.slug));
    res.render("admin/preview", {
      title: `Preview: ${mod.title}`,
      extraCss: ADMIN_CSS,
      preview: {
        slug: mod.slug,
        title: mod.title,
        passMark: (mod.draft as { passMark?: unknown }).passMark ?? 80,
        bundleUrl: `/admin/modules/${mod.slug}/preview/bundle/index.html`,
      },
    });
  });

  // The draft rendered by the same renderer as a published version, so the preview is the real
  // player. Every save bumps the revision, so a rendering keyed by it is never stale; browsers get
  // no-store because the same address serves the next revision too.
  router.get("/admin/modules/:slug/preview/bundle/:file", author, async (req, res) => {
    const mod = await findModule(String(req.params.slug));
    const files = await previewBundle(String(mod._id), mod.revision, mod.draft);
    const file = files.find((f) => f.path === req.params.file);
    if (!file) throw notFound("File");
    res.set("Cache-Control", "no-store");
    res.type(file.path.split(".").pop() ?? "bin").send(file.data);
  });

  router.get("/admin/modules/:slug/versions", author, async (req, res) => {
    const mod = await findModule(String(req.params.slug));
    const versions = await versionHistory({ slug: mod.slug });
    res.render("admin/versions", {
      title: `Versions of ${mod.title}`,
      extraCss: ADMIN_CSS,
      module: { slug: mod.slug, title: mod.title },
      versions,
    });
  });

  // Rendered on the server from the same diff the JSON API serves, so it needs no script.
  router.get("/admin/modules/:slug/versions/diff", author, async (req, res) => {
    const mod = await findModule(String(req.params.slug));
    const from = versionParam(req.query.from);
    const to = versionParam(req.query.to);
    const diff = await diffVersions({ slug: mod.slug, from, to, render: true });
    res.render("admin/diff", {
      title: `Changes in ${mod.title}, v${from} to v${to}`,
      extraCss: ADMIN_CSS,
      module: { slug: mod.slug, title: mod.title },
      from,
      to,
      ...diff,
    });
  });

  router.get("/admin/users", admin, async (req, res) => {
    const actor = actorOf(req);
    const search = typeof req.query.q === "string" ? req.query.q : "";
    const after = typeof req.query.after === "string" ? req.query.after : undefined;
    const page = await listUsers({ actor, search, after });
    const users = page.users.map((u) => ({ ...u, isMe: u.id === actor.id }));
    const next = page.next
      ? `/admin/users?${new URLSearchParams({ ...(search ? { q: search } : {}), after: page.next })}`
      : null;
    res.render("admin/users", {
      title: "Users",
      extraCss: ADMIN_CSS,
      users,
      roles: ROLES,
      search,
      next,
    });
  });

  router.get("/admin/audit", author, async (req, res) => {
    const before = typeof req.query.before === "string" ? new Date(req.query.before) : undefined;
    const events = await listAuditEvents({ limit: AUDIT_PAGE_SIZE, before });
    const last = events.length === AUDIT_PAGE_SIZE ? events.at(-1) : undefined;
    const next = last ? `/admin/audit?before=${encodeURIComponent(last.at.toISOString())}` : null;
    const lines = await describeAuditEvents(events);
    res.render("admin/audit", { title: "Audit log", extraCss: ADMIN_CSS, lines, next });
  });

  return router;
}

function versionParam(raw: unknown): number {
  if (typeof raw !== "string" || !/^[1-9][0-9]{0,8}$/.test(raw)) {
    throw new HttpError(400, "Choose two versions to compare");
  }
  return Number(raw);
}
