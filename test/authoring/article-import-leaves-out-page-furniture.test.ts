import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { articleToModule } from "../../server/authoring/article-to-module.ts";
import { suggestSlug } from "../../server/authoring/module-slugs.ts";
import { REPO_ROOT } from "../../server/config.ts";
import { type ModuleContent, moduleContent } from "../../server/content/module-schema.ts";
import {
  isPlaceholderText,
  publishBlockers,
  unmarkPlaceholder,
} from "../../server/content/publish-blockers.ts";

// Issue #14, item 4: importing a pasted article gave a title cut from its first sentence, a long
// slug, topics "placeholder", the company's advert as a lesson and no knowledge checks. The
// fixtures reproduce each kind of page furniture in their own words.

const FIXTURES = join(REPO_ROOT, "test/fixtures/articles");
const read = (name: string) => readFileSync(join(FIXTURES, name), "utf8");

function convert(name: string) {
  const draft = articleToModule(read(name), { slug: "imported" });
  const parsed = moduleContent.safeParse(draft.content);
  assert.ok(parsed.success, `${name}: ${JSON.stringify(!parsed.success && parsed.error.issues)}`);
  return { content: parsed.data, dropped: draft.dropped };
}

/** The first non-blank line (without "# ") and every heading-like line of the text. */
function titleCandidates(text: string): string[] {
  return text
    .split("\n")
    .map((l) =>
      l
        .replace(/^#+\s+/, "")
        .replace(/^\d+\.\s+/, "")
        .replace(/^[^\p{L}]+/u, ""),
    )
    .map((l) => l.trim())
    .filter(Boolean);
}

const everyLessonText = (c: ModuleContent) =>
  c.lessons.map((l) => `${l.title}\n${l.markdown}`).join("\n");

describe("an imported article", () => {
  const names = [
    "advert-section.txt",
    "author-bio.md",
    "emoji-headings.txt",
    "four-sections.md",
    "no-headings.txt",
    "share-lines.txt",
  ];
  for (const name of names) {
    test(`${name}: the title is a whole line of the article, the slug at most 40 characters`, () => {
      const { content } = convert(name);
      const lines = titleCandidates(read(name));
      const title = content.title;
      assert.ok(!title.endsWith("…"), `never a cut sentence: ${title}`);
      assert.ok(
        lines.some((l) => l.toLowerCase() === title.toLowerCase()),
        `${title} is a line of the article`,
      );
      const slug = suggestSlug(title);
      assert.ok(slug.length > 0 && slug.length <= 40, slug);
    });

    test(`${name}: every lesson has one knowledge check, and each has a quiz question that names it`, () => {
      const { content } = convert(name);
      const blocked = new Set(publishBlockers(content).map((b) => b.path.join(".")));
      assert.equal(content.quiz.length, content.lessons.length);
      content.lessons.forEach((lesson, i) => {
        assert.equal(lesson.checks.length, 1, `lesson ${i + 1} has one check`);
        assert.ok(blocked.has(`lessons.${i}.checks.0.prompt`), "the check is a placeholder");
        const quiz = content.quiz[i];
        assert.ok(quiz);
        assert.ok(blocked.has(`quiz.${i}.prompt`), "the quiz stub is a placeholder");
        const named = unmarkPlaceholder(lesson.title);
        assert.ok(
          quiz.prompt.includes(`lesson ${i + 1}, “${named}”`),
          `${quiz.prompt} names lesson ${i + 1}`,
        );
      });
      assert.ok(content.topics.length >= 1 && !content.topics.includes("imported"));
    });
  }

  test("a company's advert, its call to action and the comments heading are left out", () => {
    const { content, dropped } = convert("advert-section.txt");
    assert.deepEqual(
      content.lessons.map((l) => l.title),
      [
        "Introduction",
        "Decide Whether You Need a Meeting",
        "Share an Agenda Early",
        "Close With Actions",
      ],
    );
    const text = everyLessonText(content);
    assert.doesNotMatch(text, /Brightpath|Contact us|free trial|Comments/);
    assert.deepEqual(
      dropped.map((d) => d.reason),
      ["call to action", "comments", "about the company"],
    );
    assert.equal(content.title, "Decide Whether You Need a Meeting", "the first heading");
  });

  test("a byline and an author's bio are left out; the Markdown title is the title", () => {
    const { content, dropped } = convert("author-bio.md");
    assert.equal(content.title, "Saying no without burning bridges");
    assert.doesNotMatch(everyLessonText(content), /Jordan|Lisbon|cats/);
    assert.deepEqual(
      dropped.map((d) => d.reason),
      ["byline", "about the author"],
    );
    assert.equal(content.lessons[0]?.title, "Introduction");
  });

  test("share buttons, tweet boxes, a subscribe link and readers' comments are left out", () => {
    const { content, dropped } = convert("share-lines.txt");
    const text = everyLessonText(content);
    assert.doesNotMatch(text, /Tweet|Facebook|Twitter|subscribe|Sam|Priya|Great article/);
    // The tweet inside a paragraph goes, the paragraph stays.
    assert.match(text, /honest about the limits of what you know\./);
    assert.deepEqual(
      content.lessons.map((l) => l.title),
      ["Introduction", "Keep Small Promises", "Admit What You Do Not Know", "Ask For Help Early"],
    );
    assert.ok(dropped.some((d) => d.reason === "comments"));
    assert.ok(content.topics.includes("trust"), content.topics.join(", "));
  });

  test("an about-the-author section under its own heading is left out", () => {
    const { content } = convert("emoji-headings.txt");
    assert.doesNotMatch(everyLessonText(content), /Alex Morgan|About the Author/);
    assert.equal(content.lessons.length, 4);
  });

  test("an article without headings becomes parts whose made-up titles are placeholders", () => {
    const { content, dropped } = convert("no-headings.txt");
    assert.equal(content.title, "A Better One-to-One With Your Manager");
    assert.ok(content.lessons.every((l) => isPlaceholderText(l.title)));
    assert.deepEqual(
      dropped.map((d) => d.reason),
      ["share line"],
    );
    assert.match(content.lessons[0]?.markdown ?? "", /### Key points\n\n- Bring your list/);
  });

  test("a knowledge check starts from the lesson's own words", () => {
    const { content } = convert("four-sections.md");
    const check = content.lessons[2]?.checks[0];
    assert.equal(check?.type, "true-false");
    assert.equal(unmarkPlaceholder(check?.prompt ?? ""), "Describe the behaviour.");
    assert.ok(content.topics.includes("feedback"));
  });

  test("question ids are unique across checks and quiz, and at most 40 characters", () => {
    for (const name of names) {
      const { content } = convert(name);
      const ids = [...content.lessons.flatMap((l) => l.checks), ...content.quiz].map((q) => q.id);
      assert.equal(new Set(ids).size, ids.length, name);
      assert.ok(
        ids.every((id) => id.length <= 40),
        name,
      );
    }
  });
});
