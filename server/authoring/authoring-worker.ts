// Entry module of the authoring worker threads started by run-authoring-task.ts.
import { authoringTasks } from "./authoring-tasks.ts";
import { serveTasks } from "./serve-tasks.ts";

serveTasks(authoringTasks);
