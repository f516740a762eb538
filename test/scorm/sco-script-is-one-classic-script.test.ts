import assert from "node:assert/strict";
import { describe, it } from "node:test";
import vm from "node:vm";
import { SCO_ENTRY, scoScript, scoScriptSources } from "../../server/scorm/sco-script.ts";

describe("the SCO script built from public/sco/src", () => {
  it("is a classic script an LMS can load from file://, strict like its source", () => {
    const code = scoScript().toString("utf8");
    // vm.Script compiles a classic script: an import or export statement is a SyntaxError.
    assert.doesNotThrow(() => new vm.Script(code, { filename: "sco.js" }));
    assert.ok(code.startsWith('"use strict";'), code.slice(0, 40));
  });

  it("bundles only the browser source and the server's import-free rules", () => {
    const sources = scoScriptSources();
    assert.ok(sources.includes(SCO_ENTRY));
    assert.ok(sources.includes("server/content/likert-bands.ts"), "the likert band rule");
    assert.ok(sources.includes("server/content/answer-encoding.ts"), "the answer encoding");
    const shared = [
      "server/progress/status-rule.ts",
      "server/content/likert-bands.ts",
      "server/content/answer-encoding.ts",
      "server/scorm/suspend-codec.ts",
      // The learner's place: the page and the question on it.
      "server/scorm/bookmark.ts",
      // The host's message types and the guard that checks a message is the host's.
      "server/player/host-messages.ts",
      // Whether a link the host hands over stays on its site (sign-in's next uses it too).
      "server/http/local-path.ts",
      // lz-string compresses SCORM 1.2 suspend data that would not fit otherwise.
      "node_modules/lz-string/libs/lz-string.js",
    ];
    const foreign = sources.filter((s) => !s.startsWith("public/sco/src/") && !shared.includes(s));
    assert.deepEqual(foreign, [], "server code and packages are imported as types only");
  });

  it("is built once per process", () => {
    assert.equal(scoScript(), scoScript());
  });
});
