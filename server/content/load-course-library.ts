import { join } from "node:path";
import { publishModule } from "../authoring/publish-module.ts";
import { REPO_ROOT } from "../config.ts";
import { isDuplicateKey } from "../db/duplicate-key.ts";
import type { Logger } from "../http/logger.ts";
import { checkLibrary } from "./check-library.ts";
import { Module } from "./module-model.ts";
import { formatProblem } from "./read-course-folder.ts";

export const COURSES_DIR = join(REPO_ROOT, "courses");

export interface LibraryLoadResult {
  added: string[];
  alreadyPresent: string[];
  invalid: number;
}

/**
 * Loads modules the database does not have yet as published version 1. A module that is
 * already there is never overwritten: authors may have edited it in the browser since.
 * Running it again adds nothing, so every start can call it.
 */
export async function loadCourseLibrary(opts: {
  logger: Logger;
  root?: string;
}): Promise<LibraryLoadResult> {
  const root = opts.root ?? COURSES_DIR;
  const { modules, problems } = checkLibrary(root, REPO_ROOT);
  for (const p of problems) opts.logger.warn(`course not loaded: ${formatProblem(p)}`);
  const result: LibraryLoadResult = { added: [], alreadyPresent: [], invalid: problems.length };
  for (const content of modules) {
    let mod = await Module.findOne({ slug: content.slug });
    if (!mod) {
      try {
        mod = await Module.create({
          slug: content.slug,
          title: content.title,
          draft: content,
          source: "library",
        });
      } catch (err) {
        // Another process loaded it at the same moment; theirs stands.
        if (!isDuplicateKey(err)) throw err;
        result.alreadyPresent.push(content.slug);
        continue;
      }
    }
    // A library module created but not yet published (e.g. a crash in between) is finished now.
    if (mod.source === "library" && mod.publishedVersion === 0) {
      try {
        await publishModule({ moduleId: mod._id, note: "Loaded from courses/" });
        result.added.push(content.slug);
      } catch (err) {
        const status = (err as { status?: number }).status;
        if (status === 409) {
          result.alreadyPresent.push(content.slug);
        } else if (status === 400) {
          // The draft stored by an earlier start no longer passes (a limit added since): one
          // module stays unpublished, start-up goes on.
          opts.logger.warn(`course not loaded: ${content.slug}: ${(err as Error).message}`);
          result.invalid++;
        } else {
          throw err;
        }
      }
    } else {
      result.alreadyPresent.push(content.slug);
    }
  }
  return result;
}
