import { relative } from "node:path";
import type { ModuleContent } from "./module-schema.ts";
import { type CourseProblem, listCourseFolders, readCourseFolder } from "./read-course-folder.ts";

export interface LibraryCheck {
  modules: ModuleContent[];
  problems: CourseProblem[];
}

/** Reads every module folder; also catches what no single folder can see (duplicate slugs). */
export function checkLibrary(root: string, displayRoot = process.cwd()): LibraryCheck {
  const modules: ModuleContent[] = [];
  const problems: CourseProblem[] = [];
  const seen = new Map<string, string>();
  for (const folder of listCourseFolders(root)) {
    const result = readCourseFolder(folder, displayRoot);
    if (!result.ok) {
      problems.push(...result.problems);
      continue;
    }
    const earlier = seen.get(result.content.slug);
    if (earlier) {
      const file = `${relative(displayRoot, folder) || folder}/module.yaml`;
      problems.push({
        file,
        line: 1,
        message: `duplicate slug "${result.content.slug}" (also in ${relative(displayRoot, earlier) || earlier})`,
      });
      continue;
    }
    seen.set(result.content.slug, folder);
    modules.push(result.content);
  }
  return { modules, problems };
}
