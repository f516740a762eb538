import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type AuditActor, recordAudit } from "../audit/record-audit.ts";
import { Module } from "../content/module-model.ts";
import type { ModuleContent } from "../content/module-schema.ts";
import { formatProblem, MODULE_FILE, readCourseFolder } from "../content/read-course-folder.ts";
import { CourseProblemsError } from "./authoring-errors.ts";
import { isDuplicateKey, RESERVED_SLUGS, SLUG_RESERVED, slugIsTaken } from "./module-slugs.ts";
import { UnsafeZipError, type UnzipLimits, unzipSafely } from "./unzip-safely.ts";

export const ZIP_MAX_BYTES = 5 * 1024 * 1024;
export const ZIP_LIMITS: UnzipLimits = {
  maxEntries: 200,
  maxFileBytes: 5 * 1024 * 1024,
  maxTotalBytes: 20 * 1024 * 1024,
  // A module zip needs two levels ("slug/01-intro.md"); a few more allow a wrapping folder.
  maxPathDepth: 8,
  maxNameLength: 100,
  maxPathLength: 400,
};
const REFUSED = "This zip cannot be imported.";

export interface ImportCourseZipInput {
  zip: Buffer;
  actor: AuditActor;
}

/**
 * Creates an unpublished module from a zip of one courses/ folder (the folder itself, or just
 * its files at the zip's root). The folder is checked exactly as `npm run courses:check` checks
 * it, so problems read `file:line: message` with the file's path inside the zip. Nothing is
 * written unless the whole module is valid and its slug is free.
 */
export async function importCourseZip(input: ImportCourseZipInput): Promise<{ slug: string }> {
  if (input.zip.length === 0) throw new CourseProblemsError(REFUSED, ["The upload was empty."]);
  if (input.zip.length > ZIP_MAX_BYTES) {
    throw new CourseProblemsError(REFUSED, ["The zip is larger than 5 MB."]);
  }
  const dir = await mkdtemp(join(tmpdir(), "rapport-import-"));
  try {
    try {
      await unzipSafely(input.zip, dir, ZIP_LIMITS);
    } catch (err) {
      if (err instanceof UnsafeZipError) throw new CourseProblemsError(REFUSED, [err.message]);
      throw err;
    }
    return await createImported(readModuleFolder(dir), input.actor);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

interface ValidFolder {
  content: ModuleContent;
  /** module.yaml's path inside the zip and the line of its `slug:`, to point at a taken slug. */
  moduleFile: string;
  slugLine: number;
}

/** Validates the folder, shown relative to the zip's root so paths match what the author zipped. */
function readModuleFolder(root: string): ValidFolder {
  const folder = findModuleFolder(root);
  const result = readCourseFolder(folder, root);
  if (!result.ok) {
    throw new CourseProblemsError(
      "The module in this zip has problems; fix them and upload it again.",
      result.problems.map(formatProblem),
    );
  }
  const moduleFile =
    folder === root ? MODULE_FILE : `${folder.slice(root.length + 1)}/${MODULE_FILE}`;
  const lines = readFileSync(join(folder, MODULE_FILE), "utf8").split("\n");
  const slugLine = lines.findIndex((l) => /^slug\s*:/.test(l)) + 1 || 1;
  return { content: result.content, moduleFile, slugLine };
}

/** The zip's root when it holds module.yaml, else its only folder (the usual "zip the folder"). */
function findModuleFolder(root: string): string {
  if (existsSync(join(root, MODULE_FILE))) return root;
  const folders = readdirSync(root).filter(
    (name) =>
      !name.startsWith(".") && name !== "__MACOSX" && statSync(join(root, name)).isDirectory(),
  );
  const only = folders.length === 1 && folders[0] ? join(root, folders[0]) : null;
  if (only && existsSync(join(only, MODULE_FILE))) return only;
  throw new CourseProblemsError(REFUSED, [
    `${MODULE_FILE}:1: module.yaml is missing (zip one module folder, or the files inside it)`,
  ]);
}

async function createImported(folder: ValidFolder, actor: AuditActor): Promise<{ slug: string }> {
  const { content } = folder;
  const slugProblem = (message: string) =>
    new CourseProblemsError(REFUSED, [`${folder.moduleFile}:${folder.slugLine}: slug: ${message}`]);
  if (RESERVED_SLUGS.has(content.slug)) throw slugProblem(SLUG_RESERVED);
  const taken = `"${content.slug}" is already used by another module; change the slug in module.yaml`;
  if (await slugIsTaken(content.slug)) throw slugProblem(taken);
  try {
    const created = await Module.create({
      slug: content.slug,
      title: content.title,
      draft: content,
      source: "import",
      createdBy: actor.id,
      updatedBy: actor.id,
    });
    await recordAudit({
      actor,
      action: "module.import-zip",
      target: { kind: "module", id: created.id, slug: content.slug },
      detail: { lessons: content.lessons.length },
    });
    return { slug: content.slug };
  } catch (err) {
    if (isDuplicateKey(err)) throw slugProblem(taken);
    throw err;
  }
}
