import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { diffVersions } from "../../server/authoring/diff-versions.ts";
import { publishModule } from "../../server/authoring/publish-module.ts";
import { renderDiffHtml } from "../../server/authoring/render-diff.ts";
import type { RequestActor } from "../../server/authoring/route-helpers.ts";
import { saveDraft } from "../../server/authoring/save-draft.ts";
import { Module } from "../../server/content/module-model.ts";
import type { ModuleContentInput } from "../../server/content/module-schema.ts";
import { makeUser } from "../helpers/authoring-api.ts";
import { seedModule, smallDraft } from "../helpers/authoring-driver.ts";
import { connectTestDatabase } from "../helpers/database.ts";

// Issue #14, item 5: the version diff showed raw Markdown of lessons only, not question
// changes. It now covers settings, lessons (rendered as learners see them) and every
// question's fields and options.

let db: Awaited<ReturnType<typeof connectTestDatabase>>;
let ada: RequestActor;
const SLUG = "diff-everything";

function v1(): ModuleContentInput {
  const draft = smallDraft(SLUG, ["Ask first", "Listen"]);
  const first = draft.lessons[0];
  assert.ok(first);
  first.markdown = "## Why ask\n\nAsk **before** you advise.\n\n- One question\n- Then listen";
  first.checks = [
    {
      id: "check-ask",
      type: "true-false",
      prompt: "Asking first saves time.",
      answer: true,
      feedback: { true: "Yes.", false: "It usually does." },
    },
  ];
  return draft;
}

function v2(): ModuleContentInput {
  const draft = v1();
  draft.passMark = 70;
  draft.topics = ["testing", "listening"];
  const first = draft.lessons[0];
  assert.ok(first);
  first.markdown =
    "## Why ask first\n\nAsk **before** you advise anyone.\n\n- One question\n- Then listen";
  first.checks = [];
  const q = draft.quiz[0];
  assert.ok(q && q.type === "single");
  q.options[1] = { text: "That other one", correct: false, feedback: "No, not that one." };
  draft.quiz.push({
    id: "q-2",
    type: "true-false",
    prompt: "Listening is a skill.",
    answer: true,
    feedback: { true: "Right.", false: "It can be learned." },
  });
  return draft;
}

before(async () => {
  db = await connectTestDatabase(import.meta.url);
  ada = await makeUser("author", "ada@example.org");
  await seedModule(v1());
  const mod = await Module.findOne({ slug: SLUG }).lean();
  assert.ok(mod);
  await publishModule({ moduleId: mod._id, actor: ada });
  await saveDraft({ slug: SLUG, revision: 1, draft: v2(), actor: ada });
  await publishModule({ moduleId: mod._id, actor: ada });
});
after(async () => {
  await db?.drop();
});

describe("the diff of two versions", () => {
  test("names each changed setting", async () => {
    const { settings } = await diffVersions({ slug: SLUG, from: 1, to: 2 });
    assert.deepEqual(
      settings.map((s) => [s.label, s.status]),
      [
        ["Topics", "changed"],
        ["Pass mark (%)", "changed"],
      ],
    );
    const pass = settings[1]?.parts ?? [];
    assert.deepEqual(
      pass.map((p) => [p.value, p.added ? "+" : p.removed ? "-" : "="]),
      [
        ["80", "-"],
        ["70", "+"],
      ],
    );
  });

  test("shows a changed option, an added question and a removed knowledge check", async () => {
    const { questions } = await diffVersions({ slug: SLUG, from: 1, to: 2 });
    const byId = new Map(questions.map((q) => [q.id, q]));
    const changed = byId.get("q-1");
    assert.equal(changed?.status, "changed");
    assert.equal(changed?.where, "Final quiz, question 1");
    assert.deepEqual(
      changed?.fields.map((f) => f.label),
      ["Option 2"],
    );
    assert.deepEqual(
      changed?.fields[0]?.parts.map((p) => [p.value, p.added ? "+" : p.removed ? "-" : "="]),
      [
        ["That ", "="],
        ["other ", "+"],
        ["one", "="],
      ],
    );
    assert.equal(byId.get("q-2")?.status, "added");
    const removed = byId.get("check-ask");
    assert.equal(removed?.status, "removed");
    assert.match(removed?.where ?? "", /Lesson 1 \(“Ask first”\), knowledge check 1/);
    assert.ok(removed?.fields.some((f) => f.label === "Answer" && f.status === "removed"));
  });

  test("renders a changed lesson as learners see it, with the changes marked", async () => {
    const { lessons } = await diffVersions({ slug: SLUG, from: 1, to: 2, render: true });
    const first = lessons[0];
    assert.equal(first?.status, "changed");
    const html = first?.html ?? "";
    assert.match(html, /<h2>Why ask <ins>first<\/ins><\/h2>/);
    assert.match(html, /<strong>before<\/strong> you advise <ins>anyone<\/ins>\./);
    assert.match(html, /<li>One question<\/li>/, "unchanged Markdown still renders");
    assert.doesNotMatch(html, /##|\*\*/, "no raw Markdown");
    assert.match(first?.sourceHtml ?? "", /## Why ask<ins> first<\/ins>\n/);
    // Unchanged lessons carry no rendering; the JSON API (no render) carries none at all.
    assert.equal(lessons[1]?.html, undefined);
    const plain = await diffVersions({ slug: SLUG, from: 1, to: 2 });
    assert.equal(plain.lessons[0]?.html, undefined);
  });

  test("marks never wrap a tag, and what the sanitiser removes stays removed", () => {
    const html = renderDiffHtml([
      { value: "Intro\n\n" },
      { value: "- new item\n- <script>alert(1)</script> another\n", added: true },
      { value: "[a link](https://example.org/old)", removed: true },
      { value: "\n\n| a | b |\n|---|---|\n| 1 | 2 |\n" },
    ]);
    assert.doesNotMatch(html, /<script/);
    assert.match(html, /<li><ins>new item<\/ins><\/li>/);
    assert.match(html, /<del><a [^>]*>a link<\/a><\/del>|<a [^>]*><del>a link<\/del><\/a>/);
    // Every <ins>/<del> closes before the next tag opens.
    assert.doesNotMatch(html, /<(ins|del)>[^<]*<(?!\/(ins|del)>)/);
    assert.match(html, /<table>/);
  });
});
