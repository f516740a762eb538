import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import yazl from "yazl";
import { CourseProblemsError } from "../../server/authoring/authoring-errors.ts";
import { courseZipStream } from "../../server/authoring/course-zip-export.ts";
import { importCourseZip } from "../../server/authoring/course-zip-import.ts";
import type { RequestActor } from "../../server/authoring/route-helpers.ts";
import { REPO_ROOT } from "../../server/config.ts";
import { checkLibrary } from "../../server/content/check-library.ts";
import { Module } from "../../server/content/module-model.ts";
import type { ModuleContent } from "../../server/content/module-schema.ts";
import { formatProblem } from "../../server/content/read-course-folder.ts";
import {
  auditCount,
  csrfToken,
  loadLibrary,
  makeUser,
  signIn,
  storedDraft,
} from "../helpers/authoring-api.ts";
import type { HttpClient } from "../helpers/http-client.ts";
import { startTestApp } from "../helpers/test-app.ts";
import { unzip } from "../scorm/export-unzip.ts";

let app: Awaited<ReturnType<typeof startTestApp>>;
let ada: RequestActor;
let client: HttpClient;
let token: string;

before(async () => {
  app = await startTestApp(import.meta.url);
  ada = await makeUser("author", "ada@example.org");
  await loadLibrary();
  client = await signIn(app.baseUrl, "ada@example.org");
  token = await csrfToken(client);
});
after(async () => {
  await app.stop();
});

function makeZip(files: Record<string, string>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [path, text] of Object.entries(files)) zip.addBuffer(Buffer.from(text), path);
  zip.end();
  return streamToBuffer(zip.outputStream);
}

async function streamToBuffer(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

function uploadZip(zip: Buffer, csrf = token): Promise<Response> {
  return client.request("/api/admin/modules/import-zip", {
    method: "POST",
    headers: {
      "content-type": "application/zip",
      accept: "application/json",
      "x-csrf-token": csrf,
    },
    body: new Uint8Array(zip),
  });
}

async function rejection(zip: Buffer): Promise<CourseProblemsError> {
  const err = await importCourseZip({ zip, actor: ada }).catch((e: unknown) => e);
  assert.ok(err instanceof CourseProblemsError, `expected problems, got ${String(err)}`);
  return err;
}

const TINY_LESSON = "---\ntitle: Hello\nminutes: 2\n---\nA short lesson body.\n";
// A small module whose single-choice question has two correct options.
const TWO_CORRECT = `slug: tiny
title: A tiny module
summary: The smallest module that passes every rule, used as a test fixture.
topics: [testing]
minutes: 5
passMark: 80
lessons:
  - file: 01-hello.md
quiz:
  - id: pick-one
    type: single
    prompt: Which answer is right?
    options:
      - text: This one
        correct: true
        feedback: It is marked correct.
      - text: That one
        correct: true
        feedback: It is not marked correct.
`;

describe("courses zip export and import", () => {
  test("export a library module, change its slug in module.yaml, import: identical content", async () => {
    const res = await client.get("/admin/modules/trust/export/courses.zip");
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "application/zip");
    const entries = await unzip(Buffer.from(await res.arrayBuffer()));
    const names = entries.map((e) => e.path);
    assert.ok(names.includes("trust/module.yaml"));
    assert.ok(names.includes("trust/01-why-trust-matters.md"));

    const edited = new yazl.ZipFile();
    for (const e of entries) {
      const text = e.data.toString("utf8");
      const data = e.path.endsWith("module.yaml")
        ? text.replace(/^slug: trust$/m, "slug: trust-again")
        : text;
      edited.addBuffer(Buffer.from(data), e.path.replace(/^trust\//, "trust-again/"));
    }
    edited.end();
    const upload = await uploadZip(await streamToBuffer(edited.outputStream));
    assert.equal(upload.status, 201);
    assert.deepEqual(await upload.json(), { slug: "trust-again" });

    const original = await storedDraft("trust");
    const copy = await storedDraft("trust-again");
    assert.deepEqual({ ...copy, slug: "trust" }, original);
    const mod = await Module.findOne({ slug: "trust-again" }).lean();
    assert.equal(mod?.publishedVersion, 0, "imported as an unpublished draft");
    assert.equal(mod?.source, "import");
    assert.equal(await auditCount("module.import-zip", "trust-again"), 1);
  });

  test("authored lesson ids survive the round trip too (NN-<id>.md plus id in module.yaml)", async () => {
    const draft: ModuleContent = { ...(await storedDraft("trust")), slug: "ids-kept" };
    draft.lessons = draft.lessons.map((l, i) => ({ ...l, id: `lesson-${i + 1}` }));
    const zip = await streamToBuffer(courseZipStream(draft));
    const names = (await unzip(zip)).map((e) => e.path);
    assert.ok(names.includes("ids-kept/01-lesson-1.md"));
    await importCourseZip({ zip, actor: ada });
    assert.deepEqual(await storedDraft("ids-kept"), draft);
  });

  test("a zip with the folder's files at its root is accepted too", async () => {
    const zip = await makeZip({
      "module.yaml": TWO_CORRECT.replace("slug: tiny", "slug: tiny-root").replace(
        "        correct: true\n        feedback: It is not",
        "        feedback: It is not",
      ),
      "01-hello.md": TINY_LESSON,
    });
    assert.deepEqual(await importCourseZip({ zip, actor: ada }), { slug: "tiny-root" });
  });

  test("a broken module is refused with the same file:line message as courses:check", async () => {
    const root = join(REPO_ROOT, "test/fixtures/courses/broken/single-two-correct");
    const files: Record<string, string> = {};
    for (const name of readdirSync(join(root, "tiny"))) {
      files[`tiny/${name}`] = readFileSync(join(root, "tiny", name), "utf8");
    }
    // What `npm run courses:check` prints for this folder, run from its parent.
    const expected = checkLibrary(root, root).problems.map(formatProblem);
    assert.deepEqual(expected, [
      "tiny/module.yaml:21: quiz.0.options: a single-choice question needs exactly one correct option",
    ]);
    const res = await uploadZip(await makeZip(files));
    assert.equal(res.status, 400);
    const body = (await res.json()) as { error: string; problems: string[] };
    assert.deepEqual(body.problems, expected);
    assert.equal(await Module.exists({ slug: "tiny" }), null);
  });

  test("a path escaping the folder is refused and nothing is written", async () => {
    // yazl will not write "../evil", so write "xx/evil" and patch the name in place (same length).
    const zip = await makeZip({ "tiny/module.yaml": TWO_CORRECT, "xx/evil": "gotcha" });
    let patched = zip;
    while (patched.includes("xx/evil")) {
      const at = patched.indexOf("xx/evil");
      patched = Buffer.concat([
        patched.subarray(0, at),
        Buffer.from("../evil"),
        patched.subarray(at + 7),
      ]);
    }
    const err = await rejection(patched);
    assert.match(err.problems[0] ?? "", /^\.\.\/evil: this path points outside/);
    const res = await uploadZip(patched);
    assert.equal(res.status, 400);
    // Extraction happens in a fresh folder under tmpdir; "../evil" would have landed beside it.
    assert.equal(existsSync(join(tmpdir(), "evil")), false);
  });

  test("an existing slug, a zip without module.yaml, and a non-zip are refused", async () => {
    const existing = await streamToBuffer(courseZipStream(await storedDraft("conflict")));
    const taken = await rejection(existing);
    assert.match(
      taken.problems[0] ?? "",
      /^conflict\/module\.yaml:1: slug: "conflict" is already used/,
    );

    const empty = await rejection(await makeZip({ "notes.txt": "hello" }));
    assert.match(empty.problems[0] ?? "", /module\.yaml is missing/);

    const notZip = await rejection(Buffer.from("this is not a zip"));
    assert.match(notZip.problems[0] ?? "", /not a zip file/);
  });

  test("more than 200 entries is refused", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 201; i++) files[`many/f${i}.md`] = "x";
    const err = await rejection(await makeZip(files));
    assert.match(err.problems[0] ?? "", /more than 200 files/);
  });

  test("an upload over 5 MB gets 413 with a message naming the limit", async () => {
    const res = await uploadZip(Buffer.alloc(5 * 1024 * 1024 + 1));
    assert.equal(res.status, 413);
    assert.match(((await res.json()) as { error: string }).error, /larger than 5 MB/);
  });
});
