// npm run courses:check [-- DIR]: validates and lints every module folder, printing
// `<file>:<line>: <problem>` for errors (exit 1) and `<file>:<line>: hint: …` for assessment
// hints (exit 0 when there are only hints).
import { resolve } from "node:path";
import { REPO_ROOT } from "../config.ts";
import { ACCEPTED_HINTS_FILE, checkLibrary } from "../content/check-library.ts";
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
const { modules, problems, hints, accepted } = library;
for (const h of hints) console.log(formatProblem(h));
for (const p of problems) console.error(formatProblem(p));
const notes = [
  hints.length > 0 ? `${hints.length} hint(s)` : "",
  accepted > 0 ? `${accepted} accepted hint(s) listed in ${ACCEPTED_HINTS_FILE}` : "",
].filter(Boolean);
const tail = notes.length > 0 ? `; ${notes.join(", ")}` : "";
if (problems.length > 0) {
  console.error(`${problems.length} problem(s) found in ${root}${tail}`);
  process.exit(1);
}
console.log(`${modules.length} module(s) OK: ${modules.map((m) => m.slug).join(", ")}${tail}`);
