import type { ArticleBlock } from "./article-blocks.ts";

// A first guess at a module's topics from its words: subjects the library already uses rank
// first, then the article's most frequent content words, with words in headings counting more.
// The author can change them; the guess only has to beat a placeholder. One pass over the text.

const MAX_TOPICS = 4;
const MIN_MENTIONS = 3;
const HEADING_WEIGHT = 3;

/** Subjects of the modules Rapport ships and their likely neighbours, keyed by word stem. */
const KNOWN_TOPICS = new Map<string, string>([
  ["communication", "communication"],
  ["communicate", "communication"],
  ["listen", "listening"],
  ["listening", "listening"],
  ["feedback", "feedback"],
  ["trust", "trust"],
  ["conflict", "conflict"],
  ["relationship", "relationships"],
  ["leadership", "leadership"],
  ["leader", "leadership"],
  ["manager", "managing up"],
  ["boss", "managing up"],
  ["mentor", "mentoring"],
  ["mentorship", "mentoring"],
  ["mentoring", "mentoring"],
  ["network", "networking"],
  ["networking", "networking"],
  ["customer", "customers"],
  ["teamwork", "teamwork"],
  ["collaboration", "teamwork"],
  ["empathy", "empathy"],
  ["integrity", "integrity"],
  ["reliability", "reliability"],
  ["accountability", "accountability"],
  ["coaching", "coaching"],
  ["negotiation", "negotiation"],
  ["delegation", "delegation"],
  ["expectation", "expectations"],
  ["career", "career growth"],
  ["politics", "workplace politics"],
]);

const STOP_WORDS = new Set(
  (
    "about above after again against also always among another anyone anything around because " +
    "become been before being below between both cannot could does doing done down during each " +
    "either enough even ever every everyone everything few first from further good great have " +
    "having here hers herself himself however into itself just keep know last less like little " +
    "made make makes making many more most much must myself need needs never next often only " +
    "other others ourselves over own part people rather really same seem several should show " +
    "since some something still such take than that their theirs them themselves then there " +
    "these they thing things this those though through time times today together toward under " +
    "until upon very want well were what whatever when where whether which while whole whom " +
    "whose will with within without work working would year years your yours yourself " +
    "important help helps able sure ways others across best better level levels key strong " +
    "effective effectively within approach clear also important provide provides small large " +
    "new old big long short right wrong"
  ).split(" "),
);

export function guessTopics(blocks: ArticleBlock[], title = ""): string[] {
  const counts = new Map<string, number>();
  const titled: ArticleBlock[] = [{ kind: "heading", level: 1, text: title }, ...blocks];
  for (const block of titled) {
    const weight = block.kind === "heading" ? HEADING_WEIGHT : 1;
    for (const match of block.text.toLowerCase().matchAll(/\p{L}[\p{L}'’-]*/gu)) {
      const word = stem(match[0]);
      if (word.length < 4 || STOP_WORDS.has(word)) continue;
      counts.set(word, (counts.get(word) ?? 0) + weight);
    }
  }
  const ranked = [...counts].filter(([, n]) => n >= MIN_MENTIONS).sort((a, b) => b[1] - a[1]);
  const topics: string[] = [];
  const add = (topic: string) => {
    if (topics.length < MAX_TOPICS && !topics.includes(topic)) topics.push(topic);
  };
  for (const [word] of ranked) {
    const known = KNOWN_TOPICS.get(word);
    if (known) add(known);
  }
  // A word already counted under a known subject ("relationship") is not added again.
  for (const [word] of ranked) if (!KNOWN_TOPICS.has(word)) add(word);
  return topics.length > 0 ? topics : ["general"];
}

/** Plural to singular for the common cases ("relationships", "leaders"), and no more. */
function stem(word: string): string {
  const w = word.replace(/['’]s$/, "");
  if (w.length > 4 && w.endsWith("ies")) return `${w.slice(0, -3)}y`;
  if (w.length > 4 && w.endsWith("s") && !/(ss|us|is)$/.test(w)) return w.slice(0, -1);
  return w;
}
