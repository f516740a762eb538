import type { ArticleBlock } from "./article-blocks.ts";

// Pasted web articles carry text that is about the page, not the subject: share and tweet
// buttons, calls to action, bylines and author bios, "About <company>" adverts and readers'
// comments. None of it belongs in a lesson, so it is dropped here and listed, so the import can
// say what it left out. Every check looks at one block (or one section) at a time, and string
// searches use indexOf rather than regexes that could backtrack over a long line.

export interface DroppedText {
  /** The start of what was dropped, or a description of it ("6 reader comments"). */
  text: string;
  reason: string;
}

const SHARE_LINE = [
  /^\[?(click to )?tweet\b/i,
  /^(share|tweet|email|print|pin)( (it|this))?[.!:]?$/i,
  /^share (this|on|via)\b/i,
  /^(follow|like|find) us on\b/i,
  /^(facebook|twitter|linkedin|pinterest|whatsapp|reddit|x)$/i,
  /\bshare (your thoughts|this (post|article|episode)|it) (on|with|via)\b/i,
];
const CALL_TO_ACTION =
  /\b(click(ing)? here|subscribe\b|sign up\b|contact us|get in touch|leave us a review|leave a (review|comment)|email your question|visit our|register (now|today)|book a (demo|call)|get started today|download (our|the|your) free)/i;
const BYLINE = [
  /^(by|written by|posted by|author:)\s+\p{Lu}[\p{L}.'-]*(\s+\p{Lu}[\p{L}.'-]*){0,3}$/iu,
  /^(posted|published|updated)( on)?\s+\p{L}+\s+\d{1,2},?\s+\d{4}$/iu,
];
const BIO_START = /^(?:\p{Lu}[\p{L}.'-]*\s){1,3}(?:is|was|has been|works as)\s+(?:a|an|the)\b/u;
const BIO_WORD =
  /\b(author|coach|consultant|co-?founder|founder|speaker|writer|ceo|president|director|blogger|trainer|facilitator|keynote|podcast host)\b/i;
const COMMENTS_MARKER =
  /^(\d+\s+)?(comments?|responses?|replies|leave a (reply|comment)|join the (discussion|conversation)|what do you think\??)$/i;
const READER_REPLY = [
  /^(thanks|thank you)\b/i,
  /^(great|love|loved|nice|excellent|wonderful|fantastic|brilliant|awesome) (post|article|list|read|advice|piece|insights?|points?|stuff)\b/i,
  /^i (really )?(love|loved|enjoyed|like|liked|appreciate|appreciated) (your|this)\b/i,
  /^(so true|well said|agreed|spot on)\b/i,
];
/** Section headings that are about the page or its publisher, not the subject. */
const PAGE_SECTION =
  /^(about (the )?(author|authors|writer|us|me|company|our company|publisher|team|the team)|author bio|bio|related (posts|articles|reading)|you (may|might) also like|more from .+|share this( post| article)?|comments|leave a (reply|comment)|subscribe|newsletter|sign up|follow us)$/i;
/** A reply needs company: one "thanks" line is not a comment thread. */
const REPLIES_FOR_THREAD = 2;
/** Comments and bios are looked for only in the last part of the article. */
const TAIL_SHARE = 0.6;
const SHORT_BLOCK = 300;

/** Drops page furniture from the article's blocks (sections are checked in dropPageSections). */
export function dropBoilerplate(blocks: ArticleBlock[]): {
  blocks: ArticleBlock[];
  dropped: DroppedText[];
} {
  const dropped: DroppedText[] = [];
  const thread = commentsStart(blocks);
  const body = thread < blocks.length ? blocks.slice(0, thread) : blocks;
  const tailFrom = Math.floor(body.length * (1 - TAIL_SHARE));
  const kept: ArticleBlock[] = [];
  body.forEach((block, i) => {
    if (block.kind === "heading") {
      // "Share this:", "Twitter" or "By Jordan Reyes" can look like headings; the text under
      // them belongs to the section before.
      const reason = headingReason(block.text);
      if (reason) dropped.push({ text: excerpt(block.text), reason });
      else kept.push(block);
      return;
    }
    const reason = blockReason(block.text, i >= tailFrom);
    if (reason) {
      dropped.push({ text: excerpt(block.text), reason });
      return;
    }
    const text = stripCallsToAction(stripImageName(stripInlineTweets(block.text)), dropped);
    if (text) kept.push({ ...block, text });
  });
  if (thread < blocks.length) {
    const count = blocks.length - thread;
    dropped.push({
      text: `${count} ${count === 1 ? "paragraph" : "paragraphs"} of reader comments`,
      reason: "comments",
    });
  }
  return { blocks: kept, dropped };
}

/** Why a section is page furniture ("about the company", …), or null when it is content. */
export function pageSectionReason(title: string, blocks: ArticleBlock[]): string | null {
  const heading = title.trim().replace(/[:.]$/, "");
  if (PAGE_SECTION.test(heading)) {
    return /author|writer|bio|me$/i.test(heading) ? "about the author" : "not about the subject";
  }
  // "About LMS Portals": an about-heading over text in the company's own voice is an advert.
  if (/^about\s+\S/i.test(heading)) {
    let voice = 0;
    for (const b of blocks) voice += countMatches(b.text, /\b(we|our|us)\b/gi);
    if (voice >= 2) return "about the company";
  }
  return null;
}

function headingReason(text: string): string | null {
  const t = text.trim();
  if (SHARE_LINE.some((re) => re.test(t)) || /^share this:?$/i.test(t)) return "share line";
  if (t.length <= 100 && BYLINE.some((re) => re.test(t))) return "byline";
  return null;
}

function blockReason(text: string, inTail: boolean): string | null {
  const t = text.trim();
  if (SHARE_LINE.some((re) => re.test(t))) return "share line";
  if (t.length <= SHORT_BLOCK && CALL_TO_ACTION.test(t)) return "call to action";
  if (t.length <= 100 && BYLINE.some((re) => re.test(t))) return "byline";
  if (inTail && BIO_START.test(t) && BIO_WORD.test(t)) return "about the author";
  return null;
}

/**
 * Where readers' comments begin: a "Comments" line, or the first of several replies ("Thanks
 * Terri!", "Great post…") in the last part of the article, together with the question that
 * invited them. blocks.length when there are none.
 */
function commentsStart(blocks: ArticleBlock[]): number {
  const from = Math.floor(blocks.length * (1 - TAIL_SHARE));
  let first = -1;
  let replies = 0;
  for (let i = Math.max(from, 1); i < blocks.length; i++) {
    const text = (blocks[i] as ArticleBlock).text.trim();
    if (COMMENTS_MARKER.test(text)) return i;
    if (READER_REPLY.some((re) => re.test(text))) {
      if (first < 0) first = i;
      replies++;
    }
  }
  if (replies < REPLIES_FOR_THREAD) return blocks.length;
  const before = blocks[first - 1];
  const invitation =
    before?.kind === "paragraph" &&
    before.text.length <= SHORT_BLOCK &&
    before.text.trimEnd().endsWith("?") &&
    /\byou(r)?\b/i.test(before.text);
  return invitation ? first - 1 : first;
}

/** Removes "[Tweet “…”]" buttons that sit inside a paragraph. */
function stripInlineTweets(text: string): string {
  const open = "[Tweet";
  let at = text.indexOf(open);
  if (at < 0) return text;
  let out = "";
  let from = 0;
  while (at >= 0) {
    const close = text.indexOf("]", at);
    if (close < 0) break;
    out += text.slice(from, at);
    from = close + 1;
    at = text.indexOf(open, from);
  }
  return (out + text.slice(from)).replace(/\s{2,}/g, " ").trim();
}

/** "gears-1666498_640There’s…": an image's file name glued to the paragraph after it. */
function stripImageName(text: string): string {
  return text.replace(/^[a-z0-9]+(?:[-_][a-z0-9]+)*[-_]\d{4,}(?:_\d{2,4})?(?=\p{Lu})/u, "");
}

/** Drops the sentences of a longer paragraph that only ask the reader to click or subscribe. */
function stripCallsToAction(text: string, dropped: DroppedText[]): string {
  if (!CALL_TO_ACTION.test(text)) return text;
  const sentences = text.split(/(?<=[.!?])\s+(?=[\p{Lu}“"])/u);
  const kept = sentences.filter((s) => {
    if (!CALL_TO_ACTION.test(s)) return true;
    dropped.push({ text: excerpt(s), reason: "call to action" });
    return false;
  });
  return kept.join(" ").trim();
}

function countMatches(text: string, re: RegExp): number {
  let n = 0;
  for (const _ of text.matchAll(re)) n++;
  return n;
}

function excerpt(text: string): string {
  const t = text.trim();
  return t.length <= 80 ? t : `${t.slice(0, 77).trimEnd()}…`;
}
