import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import yazl from "yazl";
import { CourseProblemsError } from "../../server/authoring/authoring-errors.ts";
import { importCourseZip } from "../../server/authoring/course-zip-import.ts";
import { importArticle } from "../../server/authoring/import-article.ts";
import type { RequestActor } from "../../server/authoring/route-helpers.ts";
import { REPO_ROOT } from "../../server/config.ts";
import { checkLibrary } from "../../server/content/check-library.ts";
import { Module } from "../../server/content/module-model.ts";
import { type ModuleContent, moduleContent } from "../../server/content/module-schema.ts";
import { ModuleVersion } from "../../server/content/module-version-model.ts";
import { formatProblem } from "../../server/content/read-course-folder.ts";
import { renderMarkdown } from "../../server/content/render-markdown.ts";
import { ValidationError } from "../../server/http/http-errors.ts";
import { csrfToken, makeUser, sendJson, signIn } from "../helpers/authoring-api.ts";
import type { HttpClient } from "../helpers/http-client.ts";
import { startTestApp } from "../helpers/test-app.ts";
import { unzip } from "../scorm/export-unzip.ts";

// Issue #13, item 3: a lesson of "- " × 5,000 (or "> " × 5,000) saved, published and passed
// courses:check, then overflowed marked's stack in the preview, the learner's bundle and the
// export. Nesting is now limited by the content schema, so every door refuses it with a message,
// and the renderer never throws, for text stored before the limit existed.

const TOO_DEEP = {
  list: `${"- ".repeat(5_000)}deep`,
  quote: `${"> ".repeat(5_000)}deep`,
  "numbered list": `${"1. ".repeat(5_000)}deep`,
  emphasis: `${"*a ".repeat(5_000)}b${" c*".repeat(5_000)}`,
};
const NESTED_BLOCKS = /lists and quotes are nested more than 10 levels deep/;
const NESTED_INLINE = /emphasis, strikethrough or links are nested more than 10 levels deep/;
const NOTICE = /<p class="markdown-error"><strong>This text cannot be shown:<\/strong>/;

const VALID = join(REPO_ROOT, "test/fixtures/courses/valid");
let base: ModuleContent;
let app: Awaited<ReturnType<typeof startTestApp>>;
let ada: RequestActor;
let client: HttpClient;
let token: string;

before(async () => {
  const [tiny] = checkLibrary(VALID).modules;
  assert.ok(tiny);
  base = tiny;
  app = await startTestApp(import.meta.url);
  ada = await makeUser("author", "ada@example.org");
  client = await signIn(app.baseUrl, "ada@example.org");
  token = await csrfToken(client);
});
after(async () => {
  await app.stop();
});

const withLesson = (markdown: string, slug = base.slug): ModuleContent => ({
  ...structuredClone(base),
  slug,
  lessons: [{ ...structuredClone(base.lessons[0] as ModuleContent["lessons"][0]), markdown }],
});

/** A copy of the valid fixture folder whose lesson body is `body`. */
function folderWithLesson(body: string): string {
  const root = mkdtempSync(join(tmpdir(), "rapport-nesting-"));
  cpSync(VALID, root, { recursive: true });
  writeFileSync(
    join(root, "tiny/01-hello.md"),
    `---\ntitle: Hello\nminutes: 2\n---\n\nAn opening line.\n\n${body}\n`,
  );
  return root;
}

describe("Markdown nesting limits", () => {
  test("the content schema allows ten levels and refuses eleven, naming the line", () => {
    const ten = `Intro\n\n${"- ".repeat(10)}fine\n\n${"> ".repeat(10)}fine`;
    assert.equal(moduleContent.safeParse(withLesson(ten)).success, true);
    for (const [what, markdown] of Object.entries({
      list: `Intro\n\n${"- ".repeat(11)}too deep`,
      quote: `Intro\n\n${"> ".repeat(11)}too deep`,
      "indented list": `Intro\n\n${Array.from({ length: 11 }, (_, i) => `${"  ".repeat(i)}- x`).join("\n")}`,
    })) {
      const result = moduleContent.safeParse(withLesson(markdown));
      assert.equal(result.success, false, what);
      const issue = result.error?.issues[0];
      assert.deepEqual(issue?.path, ["lessons", 0, "markdown"], what);
      assert.match(issue?.message ?? "", /^line 3: /, what);
      assert.match(issue?.message ?? "", NESTED_BLOCKS, what);
    }
    const emphasis = moduleContent.safeParse(withLesson(TOO_DEEP.emphasis));
    assert.match(emphasis.error?.issues[0]?.message ?? "", NESTED_INLINE);
  });

  test("a paragraph with tens of thousands of possible emphasis marks is refused", () => {
    // marked rescans the rest of the paragraph for each "_": this took over seven seconds.
    const result = moduleContent.safeParse(withLesson(`Intro\n\n${"_a".repeat(49_000)}`));
    assert.match(
      result.error?.issues[0]?.message ?? "",
      /^line 3: this text has too many \*, _ or ~ marks/,
    );
    assert.match(renderMarkdown("_a".repeat(49_000)), NOTICE);
    // The same marks spread over ordinary paragraphs are fine.
    const paragraphs = Array.from({ length: 500 }, () => "Some _emphasis_ and **strong** words.");
    assert.equal(moduleContent.safeParse(withLesson(paragraphs.join("\n\n"))).success, true);
  });

  test("the editor's save refuses it with a field message and stores nothing", async () => {
    const created = await sendJson(
      client,
      "POST",
      "/api/admin/modules",
      { title: "Deep lists", slug: "deep-lists" },
      token,
    );
    assert.equal(created.status, 201);
    const before = await Module.findOne({ slug: "deep-lists" }).lean();
    assert.ok(before);
    for (const [what, markdown] of Object.entries(TOO_DEEP)) {
      const draft = withLesson(markdown, "deep-lists");
      const res = await sendJson(
        client,
        "PUT",
        "/api/admin/modules/deep-lists/draft",
        { revision: before.revision, draft },
        token,
      );
      assert.equal(res.status, 400, what);
      const body = (await res.json()) as { fields: Record<string, string> };
      assert.match(body.fields["lessons.0.markdown"] ?? "", /nested more than 10 levels/, what);
    }
    const after = await Module.findOne({ slug: "deep-lists" }).lean();
    assert.equal(after?.revision, before.revision, "nothing was saved");
  });

  test("courses:check and the zip import report the lesson file and its line", async () => {
    const root = folderWithLesson(TOO_DEEP.list);
    try {
      const expected = [
        "tiny/01-hello.md:8: markdown: lists and quotes are nested more than 10 levels deep; nest them at most 10 levels",
      ];
      assert.deepEqual(checkLibrary(root, root).problems.map(formatProblem), expected);

      const zip = new yazl.ZipFile();
      for (const name of readdirSync(join(root, "tiny"))) {
        zip.addBuffer(readFileSync(join(root, "tiny", name)), `tiny/${name}`);
      }
      zip.end();
      const chunks: Buffer[] = [];
      for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
      const err = await importCourseZipError(Buffer.concat(chunks));
      assert.deepEqual(err.problems, expected);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test("an article whose text nests too deep is refused, not imported", async () => {
    const text = `Deep quoting\n\nA first paragraph of the article.\n\n${TOO_DEEP.quote}\n`;
    const err = await importArticle({ text, actor: ada }).catch((e: unknown) => e);
    assert.ok(err instanceof ValidationError, `expected a refusal, got ${String(err)}`);
    assert.match(Object.values(err.fields).join(" "), NESTED_BLOCKS);
    assert.equal(await Module.exists({ slug: "deep-quoting" }), null);
  });

  test("the renderer never throws: text past a limit becomes a notice", () => {
    for (const [what, markdown] of Object.entries(TOO_DEEP)) {
      assert.match(renderMarkdown(markdown), NOTICE, what);
    }
    assert.match(renderMarkdown(`${"> ".repeat(10)}fine`), /<blockquote>/);
  });

  test("a version published before the limit still exports; its lesson shows the notice", async () => {
    const created = await sendJson(
      client,
      "POST",
      "/api/admin/modules",
      { title: "Published long ago", slug: "long-ago" },
      token,
    );
    assert.equal(created.status, 201);
    const mod = await Module.findOne({ slug: "long-ago" }).lean();
    assert.ok(mod);
    // Written as an older Rapport would have stored it: no schema in the way.
    const content = withLesson(TOO_DEEP.quote, "long-ago");
    await ModuleVersion.create({
      moduleId: mod._id,
      slug: "long-ago",
      version: 1,
      content,
      contentHash: "stored-before-the-limit",
    });
    await Module.updateOne({ _id: mod._id }, { publishedVersion: 1, draft: content });

    const res = await client.get("/admin/modules/long-ago/export/scorm2004?version=1");
    assert.equal(res.status, 200);
    const entries = await unzip(Buffer.from(await res.arrayBuffer()));
    const html = entries.find((e) => e.path === "index.html")?.data.toString("utf8") ?? "";
    const sco = scoContentOf(html);
    assert.match(sco.lessons[0]?.html ?? "", NOTICE);

    // The player's bundle of that version plays too, with the same notice.
    const version = await ModuleVersion.findOne({ slug: "long-ago" }).lean();
    const bundle = await client.get(`/bundles/${version?._id}/index.html`);
    assert.equal(bundle.status, 200);
    assert.match(scoContentOf(await bundle.text()).lessons[0]?.html ?? "", NOTICE);

    // The draft holds the same text: it still downloads as a folder zip, to be fixed there.
    const folder = await client.get("/admin/modules/long-ago/export/courses.zip");
    assert.equal(folder.status, 200);
  });
});

/** The content JSON a bundle's index.html carries (with \u003c escapes that JSON.parse reads). */
function scoContentOf(html: string): { lessons: { html: string }[] } {
  const json = /<script type="application\/json" id="sco-content">([\s\S]*?)<\/script>/.exec(
    html,
  )?.[1];
  assert.ok(json, "index.html carries the content");
  return JSON.parse(json) as { lessons: { html: string }[] };
}

async function importCourseZipError(zip: Buffer): Promise<CourseProblemsError> {
  const err = await importCourseZip({ zip, actor: ada }).catch((e: unknown) => e);
  assert.ok(err instanceof CourseProblemsError, `expected problems, got ${String(err)}`);
  return err;
}
