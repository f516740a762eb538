/**
 * Runs `work` while a timer ticks every 5 ms, and reports the longest gap between ticks: the
 * longest time the event loop (the test's and the in-process app's) could not answer anything.
 */
export async function longestStall<T>(
  work: () => Promise<T>,
): Promise<{ result: T; stallMs: number }> {
  let last = performance.now();
  let longest = 0;
  const tick = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 5);
  try {
    const result = await work();
    longest = Math.max(longest, performance.now() - last);
    return { result, stallMs: Math.round(longest) };
  } finally {
    clearInterval(tick);
  }
}

/** The same words in a different order for each seed: long lesson text without randomness. */
export function proseOf(seed: number, characters: number, paragraphWords = 0): string {
  const words = [
    "trust",
    "team",
    "listen",
    "answer",
    "question",
    "clear",
    "goal",
    "meeting",
    "feedback",
    "manager",
    "change",
    "plan",
    "agree",
    "share",
    "learn",
    "often",
    "small",
    "steps",
    "people",
    "work",
    "better",
    "together",
    "notice",
    "explain",
    "decide",
    "follow",
    "through",
    "time",
  ];
  let state = seed * 7919 + 1;
  const out: string[] = [];
  let length = 0;
  let count = 0;
  while (length < characters) {
    state = (state * 48271) % 2147483647;
    const word = words[state % words.length] as string;
    const sep = paragraphWords > 0 && ++count % paragraphWords === 0 ? ".\n\n" : " ";
    out.push(word + sep);
    length += word.length + sep.length;
  }
  return out.join("").slice(0, characters).trim();
}
