// What stops a module from being published: anything the schema refuses, and template text. The
// other hints are advice for the author and never stop anything.
import { moduleContent } from "../module-schema.ts";
import type { Hint } from "./hint.ts";
import { placeholders } from "./placeholder-rules.ts";
import { readModule } from "./read-module.ts";

/**
 * Every reason `content` may not be published, each with the path of its field (zod's form);
 * empty when it may. Schema problems come first, with the schema's own messages.
 */
export function publishBlockers(content: unknown): Hint[] {
  const parsed = moduleContent.safeParse(content);
  const schema: Hint[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({
        rule: "schema",
        severity: "error",
        message: issue.message,
        path: issue.path.filter((p): p is string | number => typeof p !== "symbol"),
      }));
  return [...schema, ...placeholders(readModule(parsed.success ? parsed.data : content))];
}
