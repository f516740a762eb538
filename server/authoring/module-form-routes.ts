import { type Response, Router } from "express";
import { ValidationError } from "../http/http-errors.ts";
import { archiveModule } from "./archive-module.ts";
import { createModule, SlugToConfirm } from "./create-module.ts";
import { duplicateModule } from "./duplicate-module.ts";
import { listModulesForAuthors } from "./list-modules.ts";
import { assertCan } from "./policies.ts";
import { actorOf, bodyOf, readFlag, readText, slugParam } from "./route-helpers.ts";

const LIST = "/admin/modules";

/**
 * The modules page's forms, for browsers without JS: they do what the JSON API does and
 * redirect (303): a new module to its editor, the rest back to the list. A create with errors
 * re-renders the list with the messages (and a blank slug with a suggestion to confirm).
 */
export function moduleFormRouter(): Router {
  const router = Router();

  router.post("/admin/modules", async (req, res) => {
    const actor = actorOf(req);
    assertCan(actor, "create");
    const body = bodyOf(req);
    const values = {
      title: readText(body.title, "title"),
      slug: readText(body.slug, "slug"),
    };
    let slug: string;
    try {
      ({ slug } = await createModule({ ...values, actor }));
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      const shown = err instanceof SlugToConfirm ? { ...values, slug: err.suggestion } : values;
      await renderListWithErrors(res, err.fields, shown);
      return;
    }
    res.redirect(303, `${LIST}/${encodeURIComponent(slug)}`);
  });

  router.post("/admin/modules/:slug/duplicate", async (req, res) => {
    const actor = actorOf(req);
    assertCan(actor, "duplicate");
    await duplicateModule({ slug: slugParam(req), actor });
    res.redirect(303, LIST);
  });

  router.post("/admin/modules/:slug/archive", async (req, res) => {
    const actor = actorOf(req);
    assertCan(actor, "archive");
    const archived = readFlag(bodyOf(req).archived, "archived", true);
    await archiveModule({ slug: slugParam(req), archived, actor });
    res.redirect(303, LIST);
  });

  return router;
}

/** The list page's locals are { title, modules, search, errors, values } — the view's contract. */
async function renderListWithErrors(
  res: Response,
  errors: Record<string, string>,
  values: Record<string, string>,
): Promise<void> {
  const modules = await listModulesForAuthors();
  res
    .status(400)
    .render("admin/modules", { title: "Modules", modules, search: "", errors, values });
}
