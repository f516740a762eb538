import fc from "fast-check";
import {
  INTERACTION_TYPES,
  type InteractionType,
} from "../../server/runtime/scorm-value-formats.ts";

// fast-check generators for commit bodies. `legit*` values are what a well-behaved SCORM 2004
// player sends (Rapport and scorm-again must both take them); `hostile*` values mix those with
// known troublemakers, mutations of good values and junk, the way a forged commit would.

// --- building blocks -------------------------------------------------------------------------

const shortId = fc.stringMatching(/^[A-Za-z0-9_][\w\-()+.:=@;$!*'%/#]{0,11}$/);
const word = fc.stringMatching(/^[a-zA-Zé0-9]{1,8}$/);
const sentence = (max = 6) =>
  fc
    .array(fc.oneof(word, fc.constantFrom("?", "!", "«»", "(x)", "a{b}", "'s")), {
      minLength: 1,
      maxLength: max,
    })
    .map((w) => w.join(" "));

/** Values that broke (or nearly broke) parsers and players before. */
const TROUBLE = [
  "",
  " ",
  "{",
  "{{",
  "}",
  ",",
  "[,]",
  "[.]",
  "[:]",
  "\n",
  "\r\n",
  "\u2028",
  "\t",
  "\\",
  "\\,",
  '"};alert(36)',
  '"};alert(36),"};alert(36)',
  "</script>",
  "{lang=en}",
  "{lang=}",
  "{lang=toolongtagx}",
  "{case_matters=true}",
  "{order_matters=false}",
  "\u00a0",
  "😀",
  "\ud800",
  "\u0000",
  "9".repeat(400),
  `P${"9".repeat(400)}Y`,
  "-",
  ".",
  "e5",
  "1e-7",
  "0.0000001",
  "9999999999.9999999",
  "Infinity",
  "-Infinity",
  "NaN",
  "0x10",
  "__proto__",
  "P",
  "PT",
  "T",
  "Z",
  ":",
  "+",
];
const trouble = fc.constantFrom(...TROUBLE);
const junk = fc
  .array(
    fc.oneof(
      trouble,
      word,
      shortId,
      fc.string({ maxLength: 6 }),
      fc.string({ unit: "binary", maxLength: 4 }),
    ),
    { maxLength: 5 },
  )
  .map((parts) => parts.join(""));

/** A good value with junk spliced in somewhere. */
const mutated = (valid: fc.Arbitrary<string>) =>
  fc.tuple(valid, junk, fc.nat()).map(([v, j, n]) => {
    const at = n % (v.length + 1);
    return v.slice(0, at) + j + v.slice(at);
  });

// Mostly good values, so that most commits carry one or two bad ones: a commit with any bad
// value is refused whole, and only accepted commits can prove anything about the preload.
export const hostile = (valid: fc.Arbitrary<string>, near?: fc.Arbitrary<string>) =>
  fc.oneof(
    { weight: 30, arbitrary: valid },
    { weight: near ? 4 : 0, arbitrary: near ?? valid },
    { weight: 2, arbitrary: mutated(valid) },
    { weight: 1, arbitrary: trouble },
    { weight: 1, arbitrary: junk },
  );

// Near misses: values one rule away from good, where a check that is slightly too loose shows.
const nearDecimal = fc.constantFrom(
  "1e5",
  "1.",
  ".5",
  "+1",
  "12345678901",
  `0.${"1".repeat(19)}`,
  "0.0000001",
  "-0.0000001",
  "9999999999.9999999",
  "-0",
  " 1",
  "1 ",
  "١",
  "1.0000001",
  "-1.5",
  "1.01",
  "-0.01",
);
const nearDuration = fc.constantFrom(
  "PT1.123S",
  "PT1.5S",
  "P1W",
  "P1Y2W",
  "PT",
  "P",
  "PT1,5S",
  "PT-1S",
  "P1DT",
  "P366D",
  "P367D",
  "P1Y",
  "P1Y1D",
  "PT1.5H",
  "P0.5Y",
  "PT99999999999S",
  "pt1s",
  "P1DT1H1M1.01S",
);
const nearTime = fc.constantFrom(
  "2026-01-01T10:00:00Z",
  "2026-01-01T10:00:00+02:00",
  "2026-01-01T10:00:00.5Z",
  "2026-01-01T10:00:00.1234567Z",
  "1969-12-31T23:59:59.5Z",
  "1970-01-01",
  "2026-13-01",
  "2026-02-30",
  "2026-01-32",
  "2026-01-01T24:00",
  "2026-01-01T10:60",
  "2026-01-01T10:00:00.5z",
  "2026-1-01",
  "2026-01-01T10:00:00.5+02:00:00",
  "2026-01-01T10:00:00.5|02",
  "2026-01-01T10:00:00.5Z:30",
  "2026-01-01t10",
  "2026-01-01T10:00:00.5+24",
);
const nearLangString = fc.constantFrom(
  "{{x",
  "{x",
  "{lang=en}{x",
  "{lang=en-}x",
  "{lang=en-GB-x}x",
  "{lang=123}x",
  "{lang=abcdefghi}x",
  "{lang=i}x",
  "line\nbreak",
  "line\rbreak",
  "a\u2029b",
  "x".repeat(251),
  `{lang=en}${"x".repeat(250)}`,
  `{lang=en}${"x".repeat(241)}`,
  "}x",
  " {x",
);
const nearResult = fc.constantFrom("12345", "1.", "Correct", "-0.5", "0.1234", "wrong", "-9999.5");

/** Ways to spoil a good response or pattern by one rule. */
const SPOILERS: ((v: string) => string)[] = [
  (v) => `${v}[,]${v.split("[,]")[0]}`,
  (v) => `${v}[,]`,
  (v) => `[,]${v}`,
  (v) => v.replaceAll("[,]", ","),
  (v) => `${v},x`,
  (v) => ` ${v}`,
  (v) => `${v} `,
  (v) => `${v}\n`,
  (v) => `{${v}`,
  (v) => `{lang=en}${v}`,
  (v) => `{case_matters=true}${v}`,
  (v) => v.replaceAll("[.]", "."),
  (v) => v.replaceAll("[.]", "[.][.]"),
  (v) => `${v}[.]x`,
  (v) => `[.]${v}`,
  (v) => Array(37).fill(v).join("[,]"),
  (v) => v.toUpperCase(),
  (v) => v.replace("[:]", "[:][:]"),
  (v) => `${v}[:]`,
  (v) => `9[:]${v}`,
  (v) => `${v}\u2028`,
  (v) => v.replaceAll("a", "a a"),
];
const spoiled = (valid: fc.Arbitrary<string>) =>
  fc.tuple(valid, fc.constantFrom(...SPOILERS)).map(([v, spoil]) => spoil(v));

/** Sometimes not even a string. */
const anyJson = fc.jsonValue({ maxDepth: 2 });
const loose = <T>(arb: fc.Arbitrary<T>) =>
  fc.oneof(
    { weight: 60, arbitrary: arb as fc.Arbitrary<unknown> },
    { weight: 1, arbitrary: anyJson },
  );

// --- legitimate values -----------------------------------------------------------------------

export const legitDecimal = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }).map(String),
  fc
    .tuple(fc.integer({ min: -99_999, max: 99_999 }), fc.integer({ min: 0, max: 99 }))
    .map(([a, b]) => `${a}.${String(b).padStart(2, "0")}`),
);
export const legitScaled = fc.integer({ min: -10_000, max: 10_000 }).map((n) => String(n / 10_000));
export const legitProgress = fc.integer({ min: 0, max: 100 }).map((n) => String(n / 100));

export const legitDuration = fc
  .record({
    d: fc.integer({ min: 0, max: 300 }),
    h: fc.integer({ min: 0, max: 23 }),
    m: fc.integer({ min: 0, max: 59 }),
    s: fc.integer({ min: 0, max: 5999 }),
    style: fc.constantFrom("short", "full"),
  })
  .map(({ d, h, m, s, style }) => {
    const sec = String(s / 100);
    if (style === "full") return `P${d ? `${d}D` : ""}T${h}H${m}M${sec}S`;
    const time = `${h ? `${h}H` : ""}${m ? `${m}M` : ""}${sec}S`;
    return `P${d ? `${d}D` : ""}T${time}`;
  });

export const legitTime = fc
  .tuple(
    fc.date({ min: new Date("1970-01-02"), max: new Date("2100-01-01"), noInvalidDate: true }),
    fc.constantFrom("centis-Z", "plain", "offset", "date", "minutes"),
  )
  .map(([d, style]) => {
    const iso = d.toISOString();
    switch (style) {
      case "centis-Z":
        return iso.replace(/(\.\d{2})\d*Z$/, "$1Z");
      case "plain":
        return iso.slice(0, 19);
      case "offset":
        return `${iso.slice(0, 22)}+02:00`;
      case "date":
        return iso.slice(0, 10);
      default:
        return iso.slice(0, 16);
    }
  });

export const legitLangString = fc
  .tuple(fc.constantFrom("", "{lang=en}", "{lang=fr-CA}"), sentence(8))
  .map(([lang, text]) => `${lang}${text}`.slice(0, 250));

const list = (item: fc.Arbitrary<string>, max: number, unique: boolean) =>
  (unique
    ? fc.uniqueArray(item, { minLength: 1, maxLength: max })
    : fc.array(item, { minLength: 1, maxLength: max })
  ).map((items) => items.join("[,]"));

/** A learner response (or, with `pattern`, a correct-response pattern) of the given type. */
export function legitResponse(type: InteractionType, pattern = false): fc.Arbitrary<string> {
  switch (type) {
    case "true-false":
      return fc.constantFrom("true", "false");
    case "choice":
      return list(shortId, 4, true);
    case "fill-in":
      return list(word, 3, pattern);
    case "long-fill-in":
      return sentence(12);
    case "likert":
      return shortId;
    case "matching":
      return list(
        fc.tuple(shortId, shortId).map(([a, b]) => `${a}[.]${b}`),
        4,
        pattern,
      );
    case "performance":
      // Only a correct answer may be a numeric range.
      return list(
        fc
          .tuple(shortId, pattern ? fc.oneof(word, fc.constant("1[:]5")) : word)
          .map(([a, b]) => `${a}[.]${b}`),
        3,
        pattern,
      );
    case "sequencing":
      return list(shortId, 5, pattern);
    case "numeric":
      return pattern
        ? fc.oneof(
            legitDecimal,
            fc
              .tuple(fc.integer({ min: -50, max: 50 }), fc.integer({ min: 0, max: 50 }))
              .map(([a, b]) => `${a}[:]${a + b}`),
          )
        : legitDecimal;
    case "other":
      return sentence(6);
  }
}

export const legitResult = fc.oneof(
  fc.constantFrom("correct", "incorrect", "unanticipated", "neutral"),
  fc.integer({ min: -9999, max: 9999 }).map(String),
);

const keyed = <T>(items: T[]) => Object.fromEntries(items.map((item, i) => [String(i), item]));

const limitedToOne = (type: string) => ["true-false", "likert", "numeric", "other"].includes(type);

const legitInteractionOf = (type: InteractionType) =>
  fc.record(
    {
      id: fc.oneof(
        shortId.map((id) => `quiz-${id}`),
        sentence(3),
      ),
      type: fc.constant(type),
      learner_response: legitResponse(type),
      result: legitResult,
      latency: legitDuration,
      description: legitLangString,
      timestamp: legitTime,
      correct_responses: fc
        .array(legitResponse(type, true), { maxLength: limitedToOne(type) ? 1 : 3 })
        .map((patterns) => keyed([...new Set(patterns)].map((pattern) => ({ pattern })))),
    },
    { requiredKeys: ["id", "type"] },
  );

export const legitInteraction = fc.constantFrom(...INTERACTION_TYPES).chain(legitInteractionOf);

export const legitCmi = fc.record(
  {
    completion_status: fc.constantFrom("completed", "incomplete", "not attempted", "unknown"),
    success_status: fc.constantFrom("passed", "failed", "unknown"),
    score: fc.record(
      { scaled: legitScaled, raw: legitDecimal, min: legitDecimal, max: legitDecimal },
      { requiredKeys: [] },
    ),
    progress_measure: legitProgress,
    location: fc.oneof(shortId, sentence(4)),
    suspend_data: fc.oneof(fc.json({ maxDepth: 2 }), fc.string({ maxLength: 200 })),
    session_time: legitDuration,
    exit: fc.constantFrom("", "suspend", "normal", "logout", "time-out"),
    interactions: fc.array(legitInteraction, { maxLength: 4 }).map(keyed),
  },
  { requiredKeys: [] },
);

// --- hostile values --------------------------------------------------------------------------

const typeOrJunk = fc.oneof(
  { weight: 30, arbitrary: fc.constantFrom(...INTERACTION_TYPES) },
  { weight: 1, arbitrary: fc.constantFrom("", "bogus", "Choice") },
);

export const hostileInteraction = typeOrJunk.chain((type) => {
  const known = (INTERACTION_TYPES as readonly string[]).includes(type);
  const response = (pattern: boolean) =>
    known
      ? hostile(
          legitResponse(type as InteractionType, pattern),
          spoiled(legitResponse(type as InteractionType, pattern)),
        )
      : junk;
  const most = limitedToOne(type) ? 1 : 3;
  return fc.record(
    {
      id: loose(
        hostile(
          shortId.map((id) => `quiz-${id}`),
          fc.constantFrom(" ", "\u00a0", "a\nb", "x".repeat(4001), "urn:x:a b", "\t"),
        ),
      ),
      type: loose(fc.constant(type)),
      learner_response: loose(response(false)),
      result: loose(hostile(legitResult, nearResult)),
      latency: loose(hostile(legitDuration, nearDuration)),
      description: loose(hostile(legitLangString, nearLangString)),
      timestamp: loose(hostile(legitTime, nearTime)),
      weighting: hostile(legitDecimal, nearDecimal),
      correct_responses: loose(
        fc
          .oneof(
            { weight: 20, arbitrary: fc.constant(most) },
            { weight: 1, arbitrary: fc.constant(3) },
          )
          .chain((max) => fc.array(response(true), { maxLength: max }))
          .map((patterns) => keyed(patterns.map((pattern) => ({ pattern })))),
      ),
    },
    { requiredKeys: ["id", "type"] },
  );
});

export const hostileCmi = fc.record(
  {
    completion_status: loose(
      hostile(fc.constantFrom("completed", "incomplete", "not attempted", "unknown")),
    ),
    success_status: loose(hostile(fc.constantFrom("passed", "failed", "unknown"))),
    score: loose(
      fc.record(
        {
          scaled: loose(hostile(legitScaled, nearDecimal)),
          raw: loose(hostile(legitDecimal, nearDecimal)),
          min: hostile(legitDecimal, nearDecimal),
          max: hostile(legitDecimal, nearDecimal),
        },
        { requiredKeys: [] },
      ),
    ),
    progress_measure: loose(hostile(legitProgress, nearDecimal)),
    location: loose(hostile(sentence(4))),
    suspend_data: loose(hostile(fc.json({ maxDepth: 2 }))),
    session_time: loose(hostile(legitDuration, nearDuration)),
    exit: hostile(fc.constantFrom("", "suspend", "normal")),
    interactions: loose(
      fc
        .array(hostileInteraction, { maxLength: 4 })
        .chain((items) => fc.constantFrom(keyed(items), items as unknown)),
    ),
  },
  { requiredKeys: [] },
);

/** How a commit's seq relates to the stored one; resolved against the attempt when sent. */
export type SeqMove =
  | { kind: "next" | "same" | "back" | "skip" | "leap" }
  | { kind: "raw"; value: unknown };

export const seqMove: fc.Arbitrary<SeqMove> = fc.oneof(
  { weight: 12, arbitrary: fc.constant({ kind: "next" as const }) },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom(...(["same", "back", "skip", "leap"] as const))
      .map((kind) => ({ kind })),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom<unknown>(2 ** 53 - 1, 2 ** 53, 1e15 + 1, 1e308, 0, -1, 1.5, "7", null, true, [])
      .map((value) => ({ kind: "raw" as const, value })),
  },
);

export const hostileSession = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom("fuzz-session-a", "fuzz-session-b") },
  { weight: 1, arbitrary: loose(junk) },
);

// --- one spoiled value -----------------------------------------------------------------------

/** Mostly near misses: the values that tell a check slightly too loose from a right one. */
const sharp = (valid: fc.Arbitrary<string>, near: fc.Arbitrary<string>) =>
  fc.oneof(
    { weight: 2, arbitrary: valid },
    { weight: 5, arbitrary: near },
    { weight: 1, arbitrary: mutated(valid) },
    { weight: 1, arbitrary: trouble },
  );

type Slot = [string, unknown];

const spoiledInteraction = fc.constantFrom(...INTERACTION_TYPES).chain((type) => {
  const response = (pattern: boolean) =>
    sharp(legitResponse(type, pattern), spoiled(legitResponse(type, pattern)));
  const slot: fc.Arbitrary<Slot> = fc.oneof(
    { weight: 4, arbitrary: response(false).map((v): Slot => ["learner_response", v]) },
    {
      weight: 4,
      arbitrary: fc
        .array(response(true), { minLength: 1, maxLength: limitedToOne(type) ? 2 : 3 })
        .map((ps): Slot => ["correct_responses", keyed(ps.map((pattern) => ({ pattern })))]),
    },
    {
      weight: 1,
      arbitrary: sharp(
        shortId.map((id) => `quiz-${id}`),
        fc.constantFrom(" ", "\u00a0", "a\nb", "x".repeat(4001), "urn:x:a b", "\t"),
      ).map((v): Slot => ["id", v]),
    },
    { weight: 1, arbitrary: sharp(legitResult, nearResult).map((v): Slot => ["result", v]) },
    { weight: 1, arbitrary: sharp(legitDuration, nearDuration).map((v): Slot => ["latency", v]) },
    {
      weight: 1,
      arbitrary: sharp(legitLangString, nearLangString).map((v): Slot => ["description", v]),
    },
    { weight: 1, arbitrary: sharp(legitTime, nearTime).map((v): Slot => ["timestamp", v]) },
    { weight: 1, arbitrary: fc.constantFrom("", "bogus").map((v): Slot => ["type", v]) },
  );
  return fc
    .tuple(legitInteractionOf(type), slot)
    .map(([interaction, [field, value]]) => ({ ...interaction, [field]: value }));
});

const spoiledTop: fc.Arbitrary<Slot> = fc.oneof(
  sharp(legitDecimal, nearDecimal).map((v): Slot => ["score.raw", v]),
  sharp(legitScaled, nearDecimal).map((v): Slot => ["score.scaled", v]),
  sharp(legitDecimal, nearDecimal).map((v): Slot => ["score.min", v]),
  sharp(legitProgress, nearDecimal).map((v): Slot => ["progress_measure", v]),
  sharp(legitDuration, nearDuration).map((v): Slot => ["session_time", v]),
  sharp(sentence(3), fc.constantFrom("x".repeat(1001), "a\nb", "{{")).map(
    (v): Slot => ["location", v],
  ),
);

/** A well-behaved commit with exactly one value (or one interaction's value) spoiled. */
export const oneSpoiledCmi = fc
  .tuple(
    legitCmi,
    fc.oneof(
      spoiledTop,
      spoiledInteraction.map((i): Slot => ["interaction", i]),
    ),
  )
  .map(([cmi, [path, value]]) => {
    const out = structuredClone(cmi) as Record<string, unknown>;
    if (path === "interaction") {
      const list = Object.values((out.interactions ?? {}) as Record<string, unknown>);
      out.interactions = keyed([...list, value]);
    } else if (path.startsWith("score.")) {
      out.score = { ...(out.score as object), [path.slice(6)]: value };
    } else {
      out[path] = value;
    }
    return out;
  });

export interface HostileStep {
  seq: SeqMove;
  session: unknown;
  cmi: unknown;
  /** A body that is not a commit at all, as JSON or as raw text (then the rest is unused). */
  junkBody: { json: unknown } | { text: string } | undefined;
}

export const hostileStep: fc.Arbitrary<HostileStep> = fc.record({
  seq: seqMove,
  session: fc.option(hostileSession, { nil: undefined }),
  cmi: fc.oneof(
    { weight: 4, arbitrary: hostileCmi },
    { weight: 5, arbitrary: oneSpoiledCmi },
    { weight: 3, arbitrary: legitCmi },
    { weight: 1, arbitrary: anyJson },
  ),
  junkBody: fc.oneof(
    { weight: 40, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: anyJson.map((json) => ({ json })) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(
          "{",
          "null",
          '{"seq":1,"cmi":',
          `${"[".repeat(5000)}${"]".repeat(5000)}`,
          '{"seq":1,"cmi":{"__proto__":{"x":1}}}',
          '{"seq":1,"cmi":{"interactions":{"__proto__":{"id":"x"}}}}',
        )
        .map((text) => ({ text })),
    },
  ),
});
