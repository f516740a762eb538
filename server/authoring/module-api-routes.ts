import { Router } from "express";
import { Module } from "../content/module-model.ts";
import { notFound } from "../http/http-errors.ts";
import { archiveModule } from "./archive-module.ts";
import { createModule } from "./create-module.ts";
import { diffVersions } from "./diff-versions.ts";
import { duplicateModule } from "./duplicate-module.ts";
import { importArticle, previewArticleImport } from "./import-article.ts";
import { listModulesForAuthors } from "./list-modules.ts";
import { loadModuleForEditing } from "./load-module-for-editing.ts";
import { assertCan } from "./policies.ts";
import { previewMarkdown } from "./preview-markdown.ts";
import { publishModule } from "./publish-module.ts";
import { actorOf, bodyOf, readFlag, readInt, readText, slugParam } from "./route-helpers.ts";
import { saveDraft } from "./save-draft.ts";
import { versionHistory } from "./version-history.ts";

/** The editor's JSON API, /api/admin/...; see /tmp/spec/authoring-api.md for the contract. */
export function moduleApiRouter(): Router {
  const router = Router();

  router.get("/api/admin/modules", async (req, res) => {
    assertCan(actorOf(req), "list");
    const search = typeof req.query.q === "string" ? req.query.q.slice(0, 100) : "";
    const includeArchived = req.query.archived === "1" || req.query.archived === "true";
    res.json({ modules: await listModulesForAuthors({ search, includeArchived }) });
  });

  router.post("/api/admin/modules", async (req, res) => {
    const actor = actorOf(req);
    assertCan(actor, "create");
    const body = bodyOf(req);
    const created = await createModule({
      title: readText(body.title, "title"),
      slug: readText(body.slug, "slug"),
      actor,
    });
    res.status(201).json(created);
  });

  router.post("/api/admin/modules/import-article", async (req, res) => {
    const actor = actorOf(req);
    assertCan(actor, "import");
    const body = bodyOf(req);
    const created = await importArticle({
      text: readText(body.text, "text"),
      title: readText(body.title, "title"),
      slug: readText(body.slug, "slug"),
      actor,
    });
    res.status(201).json(created);
  });

  // What an import would create, shown for the author to confirm; nothing is saved.
  router.post("/api/admin/modules/import-article/preview", async (req, res) => {
    assertCan(actorOf(req), "import");
    const body = bodyOf(req);
    res.json(
      await previewArticleImport({
        text: readText(body.text, "text"),
        title: readText(body.title, "title"),
      }),
    );
  });

  router.post("/api/admin/preview-markdown", async (req, res) => {
    assertCan(actorOf(req), "preview");
    res.json(await previewMarkdown({ markdown: readText(bodyOf(req).markdown, "markdown") }));
  });

  router.get("/api/admin/modules/:slug", async (req, res) => {
    assertCan(actorOf(req), "view");
    res.json(await loadModuleForEditing({ slug: slugParam(req) }));
  });

  router.put("/api/admin/modules/:slug/draft", async (req, res) => {
    const actor = actorOf(req);
    assertCan(actor, "edit");
    const body = bodyOf(req);
    const saved = await saveDraft({
      slug: slugParam(req),
      revision: readInt(body.revision, "revision"),
      draft: body.draft,
      actor,
    });
    res.json(saved);
  });

  router.post("/api/admin/modules/:slug/duplicate", async (req, res) => {
    const actor = actorOf(req);
    assertCan(actor, "duplicate");
    res.status(201).json(await duplicateModule({ slug: slugParam(req), actor }));
  });

  router.post("/api/admin/modules/:slug/archive", async (req, res) => {
    const actor = actorOf(req);
    assertCan(actor, "archive");
    const archived = readFlag(bodyOf(req).archived, "archived", true);
    res.json(await archiveModule({ slug: slugParam(req), archived, actor }));
  });

  router.post("/api/admin/modules/:slug/publish", async (req, res) => {
    const actor = actorOf(req);
    assertCan(actor, "publish");
    const mod = await Module.findOne({ slug: slugParam(req) })
      .select("_id")
      .lean();
    if (!mod) throw notFound("Module");
    const body = bodyOf(req);
    const note = readText(body.note, "note");
    const revision = body.revision === undefined ? undefined : readInt(body.revision, "revision");
    const confirmRetakes = readFlag(body.confirmRetakes, "confirmRetakes", false);
    res
      .status(201)
      .json(await publishModule({ moduleId: mod._id, note, actor, revision, confirmRetakes }));
  });

  router.get("/api/admin/modules/:slug/versions", async (req, res) => {
    assertCan(actorOf(req), "view");
    res.json({ versions: await versionHistory({ slug: slugParam(req) }) });
  });

  router.get("/api/admin/modules/:slug/diff", async (req, res) => {
    assertCan(actorOf(req), "view");
    const from = readInt(req.query.from, "from");
    const to = readInt(req.query.to, "to");
    res.json(await diffVersions({ slug: slugParam(req), from, to }));
  });

  return router;
}
