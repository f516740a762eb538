import { Router } from "express";
import { scriptRoute, scriptShelf } from "../http/served-script.ts";

// The authoring pages' scripts (the module list, the module editor, the import page and the users
// page) are TypeScript under public/authoring/src, type-checked with the other browser code
// (public/tsconfig.json) against the server's content types. Each page loads one bundle: one
// request instead of one per module file. They are public code, served without a session.
export const AUTHORING_SCRIPTS = scriptShelf(
  {
    "editor.js": "public/authoring/src/module-editor.ts",
    "editor-modules.js": "public/authoring/src/module-list.ts",
    "editor-import.js": "public/authoring/src/import-page.ts",
    "editor-users.js": "public/authoring/src/users-page.ts",
  },
  { target: "es2020" },
);

export function authoringScriptsRouter(): Router {
  const router = Router();
  router.get("/js/:name", scriptRoute(AUTHORING_SCRIPTS));
  return router;
}
