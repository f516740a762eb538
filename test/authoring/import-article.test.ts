import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { importArticle } from "../../server/authoring/import-article.ts";
import type { RequestActor } from "../../server/authoring/route-helpers.ts";
import { REPO_ROOT } from "../../server/config.ts";
import { Module } from "../../server/content/module-model.ts";
import { moduleContent } from "../../server/content/module-schema.ts";
import { ValidationError } from "../../server/http/http-errors.ts";
import {
  auditCount,
  csrfToken,
  makeUser,
  sendJson,
  signIn,
  storedDraft,
} from "../helpers/authoring-api.ts";
import { startTestApp } from "../helpers/test-app.ts";

const FIXTURE = join(REPO_ROOT, "test/fixtures/articles/four-sections.md");
// The reference articles the starter library was written from (outside the repo, read-only).
const ARTICLES = join(REPO_ROOT, "../shared/articles");

let app: Awaited<ReturnType<typeof startTestApp>>;
let ada: RequestActor;

before(async () => {
  app = await startTestApp(import.meta.url);
  ada = await makeUser("author", "ada@example.org");
});
after(async () => {
  await app.stop();
});

describe("importing an article", () => {
  test("headings become lessons, the list becomes key points, each lesson gets a stub question", async () => {
    const { slug } = await importArticle({ text: readFileSync(FIXTURE, "utf8"), actor: ada });
    assert.equal(slug, "giving-feedback-that-lands");
    const draft = moduleContent.parse(await storedDraft(slug));
    assert.equal(draft.title, "Giving feedback that lands");
    assert.deepEqual(
      draft.lessons.map((l) => l.title),
      [
        "Introduction",
        "Ask first",
        "Describe what you saw",
        "Listen to their side",
        "Agree the next step",
      ],
    );
    assert.match(draft.summary, /^Feedback is how people learn/);
    const described = draft.lessons[2]?.markdown ?? "";
    assert.match(
      described,
      /### Key points\n\n- Name the situation\n- Describe the behaviour\n- Explain the impact/,
    );
    assert.equal(draft.quiz.length, draft.lessons.length);
    assert.equal(draft.quiz[1]?.prompt, "Write a question about Ask first");
    const mod = await Module.findOne({ slug }).lean();
    assert.equal(mod?.publishedVersion, 0, "never published");
    assert.equal(mod?.source, "import");
    assert.equal(await auditCount("module.import-article", slug), 1);
  });

  test("importing the same article again gets a new, unique slug", async () => {
    const { slug } = await importArticle({ text: readFileSync(FIXTURE, "utf8"), actor: ada });
    assert.equal(slug, "giving-feedback-that-lands-2");
  });

  const articles = existsSync(ARTICLES)
    ? readdirSync(ARTICLES)
        .filter((f) => f.endsWith(".txt"))
        .sort()
    : [];
  test("the five reference articles are there", { skip: articles.length === 0 }, () => {
    assert.equal(articles.length, 5);
  });
  for (const file of articles) {
    test(`the reference article ${file} gives a valid draft with at least two lessons`, async () => {
      const { slug } = await importArticle({
        text: readFileSync(join(ARTICLES, file), "utf8"),
        actor: ada,
      });
      const result = moduleContent.safeParse(await storedDraft(slug));
      assert.equal(result.success, true, JSON.stringify(!result.success && result.error.issues));
      assert.ok(
        (result.data?.lessons.length ?? 0) >= 2,
        `${file}: ${result.data?.lessons.length} lesson(s)`,
      );
    });
  }

  test("empty text is a field error and creates nothing", async () => {
    const before = await Module.countDocuments();
    const err = await importArticle({ text: "  \n ", actor: ada }).catch((e: unknown) => e);
    assert.ok(err instanceof ValidationError);
    assert.ok("text" in err.fields);
    assert.equal(await Module.countDocuments(), before);
  });

  test("POST /api/admin/modules/import-article answers 201 {slug}, with the title override", async () => {
    const client = await signIn(app.baseUrl, "ada@example.org");
    const token = await csrfToken(client);
    const res = await sendJson(
      client,
      "POST",
      "/api/admin/modules/import-article",
      {
        text: "Notes\n\nOne paragraph of text about listening.\n\nAnother about asking.",
        title: "Listening notes",
      },
      token,
    );
    assert.equal(res.status, 201);
    const { slug } = (await res.json()) as { slug: string };
    assert.equal(slug, "listening-notes");
    assert.equal((await storedDraft(slug)).title, "Listening notes");
  });
});
