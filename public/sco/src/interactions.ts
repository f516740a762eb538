import { correctAnswer, isCorrect, scormResponse } from "./answers.ts";
import type { Question } from "./content.ts";
import type { Lms } from "./lms-api.ts";
import { write } from "./save.ts";
import { isoDuration, scorm12ClockTime, scorm12Timespan } from "./scorm-time.ts";
import { lms, session } from "./state.ts";

// Answers are reported to the LMS as cmi.interactions, journaled: each new one appends.

const MAX_INTERACTIONS = 250;

const INTERACTION_TYPE: Record<string, string> = {
  single: "choice",
  multiple: "choice",
  scenario: "choice",
  "true-false": "true-false",
  ordering: "sequencing",
  matching: "matching",
};

interface Interaction {
  id: string;
  type: string;
  description: string;
  pattern: string | null;
  response: string;
  result: string;
  startedAt: number;
}

function interactionDescription(text: string): string {
  // CMILangString250: one line, at most 250 characters, and must not open with "{".
  let line = text.replace(/\s+/g, " ").trim().replace(/^\{+/, "");
  if (line.length > 250) line = line.slice(0, 249).replace(/[\uD800-\uDBFF]$/, "");
  return line;
}

/** One interaction per graded question, one per likert statement (neutral, no right answer). */
export function recordAnswer(prefix: string, q: Question, answer: string, startedAt: number): void {
  const connection = lms;
  if (!connection) return;
  const kind = connection.kind;
  if (q.type === "likert") {
    q.statements.forEach((s, i) => {
      const description = `${q.prompt} ${s.text}`;
      const id = `${prefix}-${q.id}-${s.id}`;
      writeInteraction(connection, {
        id,
        type: "likert",
        description,
        pattern: null,
        response: answer[i] as string,
        result: "neutral",
        startedAt,
      });
    });
    return;
  }
  writeInteraction(connection, {
    id: `${prefix}-${q.id}`,
    type: INTERACTION_TYPE[q.type] as string,
    description: q.prompt,
    pattern: scormResponse(kind, q, correctAnswer(q) as string),
    response: scormResponse(kind, q, answer),
    result: isCorrect(q, answer) ? "correct" : kind === 2004 ? "incorrect" : "wrong",
    startedAt,
  });
}

function writeInteraction(lms: Lms, it: Interaction): void {
  // Rapport's runtime stores at most 250 per attempt (as many LMSes do); past that, endless quiz
  // retries still update the score and status but are not recorded answer by answer.
  if (session.interactionCount >= MAX_INTERACTIONS) return;
  const kind = lms.kind;
  const n = session.interactionCount++;
  const at = `cmi.interactions.${n}.`;
  // The id and type go first: both standards reject a response before they know the type.
  write(`${at}id`, it.id);
  write(`${at}type`, it.type);
  const started = new Date(it.startedAt);
  if (kind === 2004) {
    // SCORM 2004 times allow at most two decimals of a second (toISOString gives three).
    write(`${at}timestamp`, started.toISOString().replace(/(\.\d{2})\d*Z$/, "$1Z"));
    write(`${at}description`, interactionDescription(it.description));
  } else {
    write(`${at}time`, scorm12ClockTime(started));
  }
  if (it.pattern !== null) write(`${at}correct_responses.0.pattern`, it.pattern);
  write(`${at}${kind === 2004 ? "learner_response" : "student_response"}`, it.response);
  write(`${at}result`, it.result);
  const latency = Date.now() - it.startedAt;
  write(`${at}latency`, kind === 2004 ? isoDuration(latency) : scorm12Timespan(latency));
}
