// npm run courses:check [-- DIR]: validates every module folder and prints file:line problems.
import { resolve } from "node:path";
import { REPO_ROOT } from "../config.ts";
import { checkLibrary } from "../content/check-library.ts";
import { formatProblem } from "../content/read-course-folder.ts";

const root = resolve(process.argv[2] ?? resolve(REPO_ROOT, "courses"));
// readCourseFolder turns whatever a folder holds into problems; this catch is for the rest (an
// unreadable courses/ itself), so the command always ends with a message rather than a stack.
let library: ReturnType<typeof checkLibrary>;
try {
  library = checkLibrary(root, process.cwd());
} catch (err) {
  console.error(`${root}: cannot be checked: ${(err as Error).message}`);
  process.exit(1);
}
const { modules, problems } = library;
for (const p of problems) console.error(formatProblem(p));
if (problems.length > 0) {
  console.error(`${problems.length} problem(s) found in ${root}`);
  process.exit(1);
}
console.log(`${modules.length} module(s) OK: ${modules.map((m) => m.slug).join(", ")}`);
