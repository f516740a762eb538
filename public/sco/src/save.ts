import { pageAt } from "./page-list.ts";
import { lms, session } from "./state.ts";
import { SUSPEND_LIMIT, serializeSuspend } from "./suspend-data.ts";

// Writing the learner's place and progress to the LMS.

export function saveSuspend(): void {
  if (!lms) return;
  const { json, trimmed } = serializeSuspend(SUSPEND_LIMIT[lms.kind]);
  session.reflectionsTrimmed = trimmed;
  lms.set("cmi.suspend_data", json);
}

export function saveLocation(): void {
  if (lms) lms.set(lms.names.location, pageAt(session.current).key);
}

export function commit(): void {
  if (lms && !session.terminated) lms.commit();
}
