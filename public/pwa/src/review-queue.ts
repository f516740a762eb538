// The review answers kept on this device until the server takes them (localStorage, so they
// survive a closed tab). Each belongs to the learner who gave it: only that learner's pages send
// it, and signing out forgets them all.
import { REVIEW_QUEUE_KEY } from "../../sw/src/offline-rules.ts";

export interface QueuedAnswer {
  /** The signed-in learner's id, from the page the answer was given on. */
  learner: string;
  card: string;
  /** The form's fields without its CSRF token: the token belongs to a session that may end. */
  fields: [string, string][];
}

function isQueuedAnswer(v: unknown): v is QueuedAnswer {
  const q = v as Partial<QueuedAnswer> | null;
  return (
    typeof q?.learner === "string" &&
    q.learner !== "" &&
    typeof q.card === "string" &&
    Array.isArray(q.fields)
  );
}

function readAll(): QueuedAnswer[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(REVIEW_QUEUE_KEY) ?? "[]");
    // An entry without a learner (kept by an older page script) has no owner it can safely be
    // sent for; it stays until sign-out forgets it.
    return Array.isArray(parsed) ? parsed.filter(isQueuedAnswer) : [];
  } catch {
    return [];
  }
}

function writeAll(queue: QueuedAnswer[]): void {
  if (queue.length === 0) localStorage.removeItem(REVIEW_QUEUE_KEY);
  else localStorage.setItem(REVIEW_QUEUE_KEY, JSON.stringify(queue));
}

const same = (a: QueuedAnswer, learner: string, card: string) =>
  a.learner === learner && a.card === card;

/** This learner's kept answers, oldest first. */
export function queuedFor(learner: string): QueuedAnswer[] {
  return readAll().filter((q) => q.learner === learner);
}

/** Keeps an answer; a newer answer to the same card replaces the older one. */
export function keepAnswer(answer: QueuedAnswer): void {
  writeAll([...readAll().filter((q) => !same(q, answer.learner, answer.card)), answer]);
}

export function forgetAnswer(learner: string, card: string): void {
  writeAll(readAll().filter((q) => !same(q, learner, card)));
}

/** On sign-out: whoever signs in next on this device must not send (or see) these answers. */
export function forgetAllAnswers(): void {
  localStorage.removeItem(REVIEW_QUEUE_KEY);
}
