import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import fc from "fast-check";
import lz from "lz-string";
import { factsFromSuspendData, MAX_COMPRESSED_FACTS } from "../../server/progress/suspend-facts.ts";
import {
  asciiJson,
  decodeSuspend,
  encodeSuspend,
  fitSuspend,
  REFLECTION_MAX,
  SUSPEND_LIMITS,
  type SuspendData,
} from "../../server/scorm/suspend-codec.ts";

// Issue #12: SCORM 1.2 keeps 4,096 characters of suspend data and some LMSes count them as UTF-8
// bytes, so non-Latin reflections used to be cut mid-way and the JSON stopped parsing. The codec
// writes ASCII only (bytes = characters), compresses when the text would not fit, shortens the
// longest reflections when even that is not enough, and reads the plain JSON of older bundles.

const SEED = 1212;
const bytes = (text: string) => Buffer.byteLength(text, "utf8");

const id = fc.stringMatching(/^[a-z][a-z0-9-]{0,39}$/);
const answer = fc.stringMatching(/^[a-z0-9-]{1,12}$/);
// Any UTF-16 text, lone surrogates included, up to the reflection limit.
const reflection = fc.oneof(
  fc.string({ unit: "binary", maxLength: REFLECTION_MAX }),
  fc.string({ unit: "binary", minLength: 1500, maxLength: REFLECTION_MAX }),
  fc.string({ unit: "grapheme", maxLength: 400 }),
  fc
    .constantFrom("Я сдержу слово. ", "我会信守承诺。", "Keep it small. ")
    .chain((s) =>
      fc.integer({ min: 0, max: 130 }).map((n) => s.repeat(n).slice(0, REFLECTION_MAX)),
    ),
);

const suspendData: fc.Arbitrary<SuspendData> = fc
  .record({
    l: fc.stringMatching(/^[01]{1,12}$/),
    a: fc.dictionary(id, answer, { maxKeys: 60, noNullPrototype: true }),
    q: fc.record(
      { s: fc.constantFrom(0 as const, 1 as const), n: fc.nat(1000), p: fc.constantFrom(0, 1) },
      { requiredKeys: ["s", "n"] },
    ),
    r: fc.dictionary(id, reflection, { minKeys: 1, maxKeys: 10, noNullPrototype: true }),
  })
  .map((d) => ({ v: 1 as const, ...d, q: { ...d.q } as SuspendData["q"] }));

describe("suspend data encoding", () => {
  it("plain encoding is ASCII JSON that reads back as the same data (so bytes = characters)", () => {
    fc.assert(
      fc.property(suspendData, (data) => {
        const text = asciiJson(data);
        assert.match(text, /^[\x20-\x7e]*$/);
        assert.equal(bytes(text), text.length);
        assert.deepEqual(JSON.parse(text), data);
      }),
      { seed: SEED, numRuns: 100 },
    );
  });

  it("decode(encode(x)) equals x, and an encoding is ASCII, for either edition's limit", () => {
    fc.assert(
      fc.property(suspendData, fc.constantFrom(...Object.values(SUSPEND_LIMITS)), (data, limit) => {
        const text = encodeSuspend(data, limit);
        assert.equal(bytes(text), text.length, "ASCII only");
        assert.deepEqual(decodeSuspend(text), data);
      }),
      { seed: SEED, numRuns: 100 },
    );
  });

  it("fitted data is never over the limit in UTF-8 bytes, always decodes, and only shortens reflections", () => {
    fc.assert(
      fc.property(suspendData, fc.constantFrom(4096, 1500, 64000), (data, limit) => {
        const quizIds = Object.keys(data.a).slice(0, 30);
        const fitted = fitSuspend(data, limit, quizIds);
        assert.ok(bytes(fitted.text) <= limit, `${bytes(fitted.text)} bytes over ${limit}`);
        const back = decodeSuspend(fitted.text);
        assert.ok(back, "decodes");
        assert.equal(back.l, data.l);
        assert.deepEqual(back.q, data.q);
        for (const qid of quizIds) assert.equal(back.a[qid], data.a[qid], "quiz answers stay");
        if (!fitted.practiceDropped) assert.deepEqual(back.a, data.a);
        for (const [rid, text] of Object.entries(data.r ?? {})) {
          const kept = back.r?.[rid] ?? "";
          assert.ok(text.startsWith(kept), "a reflection is kept from its start");
          // Shortened or not, the learner is told: the data itself names every cut reflection.
          if (kept !== text && text) assert.ok(back.t?.includes(rid), `${rid} is marked shortened`);
          if (kept === text) assert.ok(!fitted.shortened.includes(rid));
        }
      }),
      { seed: SEED, numRuns: 60 },
    );
  });

  it("shortens the longest reflections first and keeps the short ones whole", () => {
    const data: SuspendData = {
      v: 1,
      l: "1111111",
      a: {},
      q: { s: 0, n: 0 },
      r: { short: "Да.", long: pseudoRandomText(2000, 7), longer: pseudoRandomText(2000, 9) },
    };
    const fitted = fitSuspend(data, 4096);
    const back = decodeSuspend(fitted.text);
    assert.equal(back?.r?.short, "Да.");
    assert.deepEqual(fitted.shortened.sort(), ["long", "longer"]);
    assert.deepEqual(back?.t, ["long", "longer"]);
    assert.ok((back?.r?.long?.length ?? 0) > 100, "most of what fits is kept");
    assert.ok(bytes(fitted.text) <= 4096);
  });

  it("compresses only when the plain form would not fit, and then 2,000 repeated Chinese characters fit in full", () => {
    const small: SuspendData = { v: 1, l: "10", a: { q1: "b" }, q: { s: 0, n: 0 } };
    assert.equal(encodeSuspend(small, 4096), asciiJson(small));
    const big: SuspendData = { ...small, r: { one: "我会信守承诺。".repeat(300).slice(0, 2000) } };
    assert.ok(asciiJson(big).length > 4096);
    const fitted = fitSuspend(big, 4096);
    assert.ok(fitted.text.startsWith("Z:"));
    assert.deepEqual(decodeSuspend(fitted.text), big);
    assert.deepEqual(fitted.shortened, []);
  });

  it("reads the plain JSON older bundles wrote, and returns null for what it cannot read", () => {
    const old = '{"v":1,"l":"110","a":{"q1":"b"},"q":{"s":1,"n":2,"p":0},"r":{"x":"Привет"}}';
    assert.deepEqual(decodeSuspend(old), {
      v: 1,
      l: "110",
      a: { q1: "b" },
      q: { s: 1, n: 2, p: 0 },
      r: { x: "Привет" },
    });
    for (const bad of [
      "",
      "{",
      '{"v":1,"l":"1',
      "Z:",
      "Z:!!!!",
      "Z:AAAA",
      '{"v":2}',
      "null",
      "[]",
    ]) {
      assert.equal(decodeSuspend(bad), null, bad);
    }
    // A reflection cut by a byte-limited LMS (the failure issue #12 reported) reads as nothing,
    // never as a crash.
    assert.equal(decodeSuspend(old.slice(0, 60)), null);
    // The server's status facts read compressed data too.
    const packed = encodeSuspend(
      { v: 1, l: "1", a: {}, q: { s: 1, n: 1, p: 1 }, r: { x: "ж".repeat(2000) } },
      4096,
    );
    assert.ok(packed.startsWith("Z:"));
    assert.deepEqual(factsFromSuspendData(packed, 1), {
      lessonsViewed: 1,
      viewedPositions: [0],
      quizSubmitted: true,
    });
  });
});

describe("the server's reading of suspend data", () => {
  it("does not decompress compressed data longer than its cap (a few KB can expand to megabytes)", () => {
    // test/fixtures/suspend-data-lz-bomb.txt: lz-string's compression of valid suspend data whose
    // reflection is 3,500,000 "a"s (made once; compressing it takes seconds).
    const bomb = readFileSync(
      new URL("../fixtures/suspend-data-lz-bomb.txt", import.meta.url),
      "utf8",
    ).trim();
    assert.ok(bomb.length > MAX_COMPRESSED_FACTS, `${bomb.length} characters`);
    assert.ok(bomb.length < 64_000, "a size the commit endpoint accepts");
    assert.ok((decodeSuspend(bomb)?.r?.x?.length ?? 0) > 3_000_000, "it is valid and expands");
    assert.equal(factsFromSuspendData(bomb, 1), null);
    // Under the cap, compressed data is read as before.
    const small = { v: 1, l: "1", a: {}, q: { s: 1, n: 1, p: 1 }, r: { x: "a".repeat(2000) } };
    const packed = `Z:${lz.compressToBase64(JSON.stringify(small))}`;
    assert.equal(factsFromSuspendData(packed, 1)?.quizSubmitted, true);
  });
});

/** Text that compresses poorly: pseudo-random Cyrillic and CJK characters from a fixed seed. */
function pseudoRandomText(length: number, seed: number): string {
  let x = seed;
  let out = "";
  while (out.length < length) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out += x % 2 ? String.fromCharCode(0x430 + (x % 32)) : String.fromCharCode(0x4e00 + (x % 3000));
  }
  return out;
}
