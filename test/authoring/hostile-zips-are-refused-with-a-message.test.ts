import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import yazl from "yazl";
import { REPO_ROOT } from "../../server/config.ts";
import { Module } from "../../server/content/module-model.ts";
import { csrfToken, makeUser, signIn } from "../helpers/authoring-api.ts";
import type { HttpClient } from "../helpers/http-client.ts";
import { startTestApp } from "../helpers/test-app.ts";

// Issue #13, item 6: zips with lying sizes, very deep or long paths, module.yaml as a folder, a
// name used as both file and folder, or a YAML alias bomb were answered with 500. Each must get a
// 400 whose message names the problem, and create nothing.

const TINY = join(REPO_ROOT, "test/fixtures/courses/valid/tiny");
const MODULE_YAML = readFileSync(join(TINY, "module.yaml"), "utf8");
const LESSON = readFileSync(join(TINY, "01-hello.md"), "utf8");

let app: Awaited<ReturnType<typeof startTestApp>>;
let client: HttpClient;
let token: string;

before(async () => {
  app = await startTestApp(import.meta.url);
  await makeUser("author", "ada@example.org");
  client = await signIn(app.baseUrl, "ada@example.org");
  token = await csrfToken(client);
});
after(async () => {
  await app.stop();
});

type Entry = [path: string, data: string | Buffer | null, opts?: { compress?: boolean }];

/** A zip of the entries in order; a null body makes a folder entry. */
async function makeZip(entries: Entry[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [path, data, opts] of entries) {
    if (data === null) zip.addEmptyDirectory(path);
    else zip.addBuffer(Buffer.from(data), path, { compress: opts?.compress ?? true });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The central directory's "uncompressed size" of the zip's only entry, set to `size`. */
function claimSize(zip: Buffer, size: number): Buffer {
  const patched = Buffer.from(zip);
  const central = patched.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  assert.ok(central > 0, "a central directory header");
  patched.writeUInt32LE(size, central + 24);
  return patched;
}

async function upload(zip: Buffer): Promise<{ status: number; problems: string[] }> {
  const res = await client.request("/api/admin/modules/import-zip", {
    method: "POST",
    headers: {
      "content-type": "application/zip",
      accept: "application/json",
      "x-csrf-token": token,
    },
    body: new Uint8Array(zip),
  });
  const body = (await res.json()) as { problems?: string[]; error?: string };
  return { status: res.status, problems: body.problems ?? [body.error ?? ""] };
}

const ALIAS_BOMB = `${MODULE_YAML}
bomb:
  a: &a [x, x, x, x, x, x, x, x, x, x]
  b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
  c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
  d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
  e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
  f: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]
`;

const CASES: { name: string; zip: () => Promise<Buffer>; problem: RegExp }[] = [
  {
    name: "an entry that unpacks to more bytes than it states",
    zip: async () => claimSize(await makeZip([["tiny/01-hello.md", "a".repeat(100_000)]]), 10),
    problem: /^tiny\/01-hello\.md: this entry is damaged and cannot be unpacked/,
  },
  {
    name: "an entry that unpacks to fewer bytes than it states",
    zip: async () => claimSize(await makeZip([["tiny/01-hello.md", "a".repeat(1_000)]]), 5_000),
    problem: /^tiny\/01-hello\.md: this entry is damaged and cannot be unpacked/,
  },
  {
    name: "a path 2,100 folders deep",
    zip: () => makeZip([[`tiny/${"d/".repeat(2_100)}x.md`, "deep"]]),
    problem: /: this path is (longer than 400 characters|nested deeper than 8 levels)\.$/,
  },
  {
    name: "a path 20 folders deep",
    zip: () => makeZip([[`tiny/${"d/".repeat(20)}x.md`, "deep"]]),
    problem: /^tiny\/d\/d\/.*x\.md: this path is nested deeper than 8 levels\.$/,
  },
  {
    name: "a 300-character file name",
    zip: () => makeZip([[`tiny/${"n".repeat(300)}.md`, "long"]]),
    problem: /^tiny\/n+…: the name "n+…" is longer than 100 characters\.$/,
  },
  {
    name: "module.yaml as a folder",
    zip: () =>
      makeZip([
        ["tiny/module.yaml/", null],
        ["tiny/module.yaml/inside.md", "x"],
        ["tiny/01-hello.md", LESSON],
      ]),
    problem: /^tiny\/module\.yaml:1: module\.yaml is a folder or special file, not a file$/,
  },
  {
    name: "a file, then a folder of the same name",
    zip: () =>
      makeZip([
        ["tiny/notes", "a file"],
        ["tiny/notes/a.md", "inside a folder of the same name"],
      ]),
    problem: /^tiny\/notes: this name is used for both a file and a folder in the zip\.$/,
  },
  {
    name: "a folder, then a file of the same name",
    zip: () =>
      makeZip([
        ["tiny/notes/a.md", "inside a folder"],
        ["tiny/notes", "a file of the same name"],
      ]),
    problem: /^tiny\/notes: this name is used for both a file and a folder in the zip\.$/,
  },
  {
    name: "a YAML alias bomb in module.yaml",
    zip: () =>
      makeZip([
        ["tiny/module.yaml", ALIAS_BOMB],
        ["tiny/01-hello.md", LESSON],
      ]),
    problem: /^tiny\/module\.yaml:1: YAML: aliases \(\*name\) expand too much/,
  },
  {
    name: "YAML nested 50,000 brackets deep",
    zip: () =>
      makeZip([
        ["tiny/module.yaml", `${MODULE_YAML}\ndeep: ${"[".repeat(50_000)}${"]".repeat(50_000)}\n`],
        ["tiny/01-hello.md", LESSON],
      ]),
    problem: /^tiny\/module\.yaml:\d+: YAML is more than 32 levels of \[ \] or \{ \} nesting$/,
  },
  {
    name: "front matter nested 40,000 sequences deep",
    zip: () =>
      makeZip([
        ["tiny/module.yaml", MODULE_YAML],
        ["tiny/01-hello.md", `---\ntitle: Hello\ntags:\n${"- ".repeat(40_000)}x\n---\nBody.\n`],
      ]),
    problem:
      /^tiny\/01-hello\.md:4: front matter is indented or nested more than 100 columns deep$/,
  },
];

describe("hostile zips", () => {
  for (const { name, zip, problem } of CASES) {
    test(`${name}: 400 naming the problem, nothing created`, async () => {
      const before = await Module.countDocuments();
      const { status, problems } = await upload(await zip());
      assert.equal(status, 400, problems.join("\n"));
      assert.match(problems[0] ?? "", problem);
      assert.equal(await Module.countDocuments(), before);
    });
  }

  test("the fixture these zips start from imports fine", async () => {
    const { status } = await upload(
      await makeZip([
        ["tiny/module.yaml", MODULE_YAML],
        ["tiny/01-hello.md", LESSON],
      ]),
    );
    assert.equal(status, 201);
  });
});
