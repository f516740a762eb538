// npm run courses:check [-- DIR]: validates every module folder and prints file:line problems.
import { resolve } from "node:path";
import { REPO_ROOT } from "../config.ts";
import { checkLibrary } from "../content/check-library.ts";
import { formatProblem } from "../content/read-course-folder.ts";

const root = resolve(process.argv[2] ?? resolve(REPO_ROOT, "courses"));
const { modules, problems } = checkLibrary(root, process.cwd());
for (const p of problems) console.error(formatProblem(p));
if (problems.length > 0) {
  console.error(`${problems.length} problem(s) found in ${root}`);
  process.exit(1);
}
console.log(`${modules.length} module(s) OK: ${modules.map((m) => m.slug).join(", ")}`);
