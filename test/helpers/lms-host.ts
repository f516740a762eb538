import assert from "node:assert/strict";
import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, extname, isAbsolute, join, normalize, sep } from "node:path";
import type { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import type { Browser, FrameLocator, Page } from "playwright-core";
import type { ModuleContent, Question } from "../../server/content/module-schema.ts";
import type { PackageFormat } from "../../server/scorm/export-package.ts";
import { unzip } from "../scorm/export-unzip.ts";
import { answerQuiz, showQuestion } from "./player-driver.ts";

// A minimal stand-in for an LMS, for testing exported packages the way an LMS meets them: the zip
// is unpacked into a folder, the LMS page reads imsmanifest.xml (which API edition, which file to
// launch, what mastery score), preloads the CMI the way an LMS does, and frames the launch file
// beside a scorm-again API. No Rapport server is involved: only this static file server.

const SCORM_AGAIN_DIST = fileURLToPath(
  new URL("../../node_modules/scorm-again/dist/", import.meta.url),
);
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".xml": "application/xml",
  ".xsd": "application/xml",
  ".dtd": "application/xml-dtd",
};
const LETTERS = "abcdefghijklmnopqrstuvwxyz";

export type Edition = "12" | "2004";

/** What the LMS page made of the manifest, exposed as window.lmsLaunch. */
export interface LmsLaunch {
  error?: string;
  schemaversion: string;
  edition: Edition;
  scormType: string;
  href: string;
  launchUrl: string;
  /** 1.2 adlcp:masteryscore or 2004 imsss:minNormalizedMeasure, as written; null when absent. */
  mastery: string | null;
}

/** Every value the API refused, plus calls the host counted. */
export interface LmsLog {
  rejected: { element: string; value: string; code: string }[];
  reads: string[];
  commits: number;
  initialized: boolean;
  terminated: boolean;
  /** SetValue, Commit and Terminate calls in order, with what the LMS answered ("true"/"false"). */
  calls: {
    method: "set" | "commit" | "terminate";
    element?: string;
    value?: string;
    result: string;
  }[];
  /** Commits and terminations the LMS refused because of an injected fault. */
  failedCommits: number;
  terminations: number;
  /** The CMI as of the last commit the LMS accepted: what a real LMS would have stored. */
  stored: Cmi | null;
}

/** A refusal the LMS double answers with until the test lifts it (lmsFault in the LMS page). */
export interface LmsFault {
  code: string;
  message: string;
  /** For SetValue: refuse only elements matching this regular expression (default: all). */
  match?: string;
}

export type Cmi = Record<string, unknown> & {
  interactions: Record<
    string,
    Record<string, unknown> & { correct_responses: Record<string, { pattern: string }> }
  >;
};

/** Drains a zip stream (such as exportPackage's) into one buffer. */
export async function readStream(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

/** Unpacks a package zip into dir the way an LMS import would, refusing paths that escape it. */
export async function unpackPackage(zip: Buffer, dir: string): Promise<string[]> {
  const entries = await unzip(zip);
  const paths: string[] = [];
  for (const entry of entries) {
    if (entry.path.endsWith("/")) continue;
    const target = normalize(join(dir, entry.path));
    assert.ok(
      !isAbsolute(entry.path) && target.startsWith(dir + sep),
      `zip entry ${entry.path} stays inside the package`,
    );
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, entry.data);
    paths.push(entry.path);
  }
  return paths;
}

export interface LmsHost {
  baseUrl: string;
  /** The LMS page that launches the named package. */
  launchUrl(packageName: string): string;
  close(): Promise<void>;
}

/**
 * Serves the LMS page (/lms), its script, scorm-again's browser builds and each unpacked package
 * under /packages/<name>/, all from one origin on 127.0.0.1.
 */
export async function startLmsHost(packages: Record<string, string>): Promise<LmsHost> {
  const server: Server = createServer((req, res) => {
    serve(packages, req.url ?? "/").then(
      ({ status, type, body }) => {
        res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
        res.end(body);
      },
      () => {
        res.writeHead(500).end();
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    launchUrl: (name) => `${baseUrl}/lms?${new URLSearchParams({ package: name })}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface Served {
  status: number;
  type: string;
  body: string | Buffer;
}

const notFound = (): Served => ({ status: 404, type: "text/plain", body: "not found" });

async function serve(packages: Record<string, string>, url: string): Promise<Served> {
  const { pathname } = new URL(url, "http://host");
  if (pathname === "/favicon.ico") return { status: 204, type: "image/x-icon", body: "" };
  if (pathname === "/lms") return { status: 200, type: TYPES[".html"] ?? "", body: LMS_PAGE };
  if (pathname === "/lms.js") return { status: 200, type: TYPES[".js"] ?? "", body: LMS_SCRIPT };
  const again = /^\/scorm-again\/(scorm2004|scorm12)\.min\.js$/.exec(pathname);
  if (again) {
    const body = await readFile(join(SCORM_AGAIN_DIST, `${again[1]}.min.js`));
    return { status: 200, type: TYPES[".js"] ?? "", body };
  }
  const pkg = /^\/packages\/([a-z0-9-]+)\/(.+)$/.exec(pathname);
  const root = pkg?.[1] ? packages[pkg[1]] : undefined;
  if (!pkg?.[2] || !root) return notFound();
  const path = normalize(join(root, decodeURIComponent(pkg[2])));
  if (!path.startsWith(root + sep)) return notFound();
  try {
    if (!(await stat(path)).isFile()) return notFound();
    const body = await readFile(path);
    return { status: 200, type: TYPES[extname(path)] ?? "application/octet-stream", body };
  } catch {
    return notFound();
  }
}

const LMS_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Test LMS</title>
<script src="/lms.js"></script>
</head><body><main id="lms"></main></body></html>`;

/**
 * The LMS. It reads the manifest with a namespace-aware XML parser, picks the API edition from
 * <schemaversion>, follows organizations@default → item@identifierref → resource@href to the
 * launch file, preloads the item's mastery score, then frames the SCO. scorm-again runs with no
 * commit URL: the CMI stays in the page, where the test reads it.
 */
const LMS_SCRIPT = `"use strict";
(async () => {
  const NS = {
    "12": { cp: "http://www.imsproject.org/xsd/imscp_rootv1p1p2", adlcp: "http://www.adlnet.org/xsd/adlcp_rootv1p2", scormType: "scormtype" },
    "2004": { cp: "http://www.imsglobal.org/xsd/imscp_v1p1", adlcp: "http://www.adlnet.org/xsd/adlcp_v1p3", imsss: "http://www.imsglobal.org/xsd/imsss", scormType: "scormType" },
  };
  const log = { rejected: [], reads: [], commits: 0, initialized: false, terminated: false, calls: [], failedCommits: 0, terminations: 0, stored: null };
  window.lmsLog = log;
  // Tests set lmsFault.commit or lmsFault.set to {code, message} to make the LMS refuse those
  // calls (answering "false" and that error) until they set it back to null.
  const fault = { commit: null, set: null };
  window.lmsFault = fault;
  const fail = (message) => { window.lmsLaunch = { error: message }; };
  const kids = (el, ns, name) =>
    el ? [...el.children].filter((c) => c.namespaceURI === ns && c.localName === name) : [];
  const one = (el, ns, name) => {
    const found = kids(el, ns, name);
    if (found.length !== 1) throw new Error("expected one <" + name + "> in <" + (el && el.localName) + ">, found " + found.length);
    return found[0];
  };
  try {
    const name = new URLSearchParams(location.search).get("package");
    const base = new URL("/packages/" + name + "/", location.href);
    const manifestUrl = new URL("imsmanifest.xml", base);
    const response = await fetch(manifestUrl);
    if (!response.ok) throw new Error("imsmanifest.xml: HTTP " + response.status);
    const doc = new DOMParser().parseFromString(await response.text(), "application/xml");
    if (doc.getElementsByTagName("parsererror").length) throw new Error("imsmanifest.xml is not well-formed");
    const root = doc.documentElement;
    if (root.localName !== "manifest") throw new Error("root element is <" + root.localName + ">");
    const cp = root.namespaceURI;
    const edition = Object.keys(NS).find((e) => NS[e].cp === cp);
    if (!edition) throw new Error("unknown content packaging namespace " + cp);
    const ns = NS[edition];
    const schemaversion = one(one(root, cp, "metadata"), cp, "schemaversion").textContent.trim();
    const expected = edition === "12" ? /^1\\.2$/ : /^(CAM 1\\.3|2004 (3rd|4th) Edition)$/;
    if (!expected.test(schemaversion)) throw new Error("schemaversion " + schemaversion + " in a " + edition + " manifest");

    const organizations = one(root, cp, "organizations");
    const org = kids(organizations, cp, "organization").find((o) => o.getAttribute("identifier") === organizations.getAttribute("default"));
    if (!org) throw new Error("organizations@default names no organization");
    const item = one(org, cp, "item");
    const resource = kids(one(root, cp, "resources"), cp, "resource").find((r) => r.getAttribute("identifier") === item.getAttribute("identifierref"));
    if (!resource) throw new Error("item@identifierref names no resource");
    const href = resource.getAttribute("href");
    const scormType = resource.getAttributeNS(ns.adlcp, ns.scormType);

    let mastery = null;
    const preload = { cmi: {} };
    if (edition === "12") {
      const score = kids(item, ns.adlcp, "masteryscore")[0];
      if (score) {
        mastery = score.textContent.trim();
        preload.cmi.student_data = { mastery_score: mastery };
      }
    } else {
      const sequencing = kids(item, ns.imsss, "sequencing")[0];
      const objectives = kids(sequencing, ns.imsss, "objectives")[0];
      const primary = kids(objectives, ns.imsss, "primaryObjective")[0];
      const measure = kids(primary, ns.imsss, "minNormalizedMeasure")[0];
      // RTE 4.2.19: scaled_passing_score comes from the primary objective's measure, when the
      // objective is satisfied by measure.
      if (primary && measure && primary.getAttribute("satisfiedByMeasure") === "true") {
        mastery = measure.textContent.trim();
        preload.cmi.scaled_passing_score = mastery;
      }
    }

    await new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = "/scorm-again/" + (edition === "12" ? "scorm12" : "scorm2004") + ".min.js";
      script.onload = resolve;
      script.onerror = () => reject(new Error("scorm-again did not load"));
      document.head.append(script);
    });
    const is2004 = edition === "2004";
    const api = new (is2004 ? window.Scorm2004API : window.Scorm12API)({ autocommit: false, lmsCommitUrl: false, logLevel: 5 });
    // A resumed learner: the test hands over what the LMS kept from the last visit.
    const resume = window.lmsResume || {};
    Object.assign(preload.cmi, resume);
    if (Object.keys(preload.cmi).length) api.loadFromJSON(preload);
    const [init, get, set, save, end, lastError, errorString] = is2004
      ? ["Initialize", "GetValue", "SetValue", "Commit", "Terminate", "GetLastError", "GetErrorString"]
      : ["LMSInitialize", "LMSGetValue", "LMSSetValue", "LMSCommit", "LMSFinish", "LMSGetLastError", "LMSGetErrorString"];
    // The error of the last call, when the double refused it rather than scorm-again.
    let faulted = null;
    const wrap = (method, after, faultOf) => {
      const call = api[method].bind(api);
      api[method] = (...args) => {
        const injected = faultOf ? faultOf() : null;
        faulted = injected;
        const result = injected ? "false" : call(...args);
        after(args, result, injected);
        return result;
      };
    };
    const realError = api[lastError].bind(api);
    const realString = api[errorString].bind(api);
    api[lastError] = () => (faulted ? faulted.code : realError());
    api[errorString] = (code) => (faulted && String(code) === faulted.code ? faulted.message : realString(code));
    const snapshot = () => JSON.parse(JSON.stringify(api.renderCMIToJSONObject().cmi));
    wrap(init, (_, result) => { if (String(result) === "true") log.initialized = true; });
    wrap(set, ([element, value], result, injected) => {
      log.calls.push({ method: "set", element, value: String(value), result: String(result) });
      if (String(result) !== "true" && !injected) log.rejected.push({ element, value, code: String(api[lastError]()) });
    }, () => fault.set);
    // A SetValue fault with a match refuses only the elements it matches.
    const setCall = api[set];
    api[set] = (element, value) => {
      const only = fault.set && fault.set.match;
      if (!only || new RegExp(only).test(element)) return setCall(element, value);
      const saved = fault.set;
      fault.set = null;
      try { return setCall(element, value); } finally { fault.set = saved; }
    };
    wrap(get, ([element]) => { log.reads.push(element); });
    wrap(save, (_, result, injected) => {
      log.calls.push({ method: "commit", result: String(result) });
      if (injected) log.failedCommits += 1;
      else log.commits += 1;
      if (String(result) === "true") log.stored = snapshot();
    }, () => fault.commit);
    wrap(end, (_, result) => {
      log.calls.push({ method: "terminate", result: String(result) });
      log.terminations += 1;
      log.terminated = true;
      // Terminate stores the data as a commit does.
      if (String(result) === "true") log.stored = snapshot();
    });
    window.lmsApi = api;
    window[is2004 ? "API_1484_11" : "API"] = api;

    const launchUrl = new URL(href, base).href;
    window.lmsLaunch = { schemaversion, edition, scormType, href, launchUrl, mastery };
    const frame = document.createElement("iframe");
    frame.id = "sco";
    frame.title = "Module";
    frame.style.cssText = "width:100%;height:900px;border:0";
    frame.src = launchUrl;
    document.getElementById("lms").append(frame);
  } catch (error) {
    fail(String(error && error.message ? error.message : error));
  }
})();
`;

export interface LmsSession {
  page: Page;
  frame: FrameLocator;
  launch: LmsLaunch;
  /** Script errors, console errors and HTTP errors seen anywhere on the page. */
  problems: string[];
  /** Requests to any origin other than the LMS host's; they are aborted. */
  offsite: string[];
  close(): Promise<void>;
}

/**
 * Opens the LMS page for a package and waits until the SCO inside it has rendered. resume is CMI
 * the LMS preloads (in scorm-again's loadFromJSON shape), as an LMS does for a returning learner.
 */
export async function launchInLms(
  browser: Browser,
  host: LmsHost,
  packageName: string,
  resume?: Record<string, unknown>,
): Promise<LmsSession> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(5000);
  if (resume) {
    await context.addInitScript((cmi) => {
      (window as unknown as { lmsResume: unknown }).lmsResume = cmi;
    }, resume);
  }
  const origin = new URL(host.baseUrl).origin;
  const offsite: string[] = [];
  await context.route(
    (url) => url.origin !== origin,
    (route) => {
      offsite.push(route.request().url());
      return route.abort("blockedbyclient");
    },
  );
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  page.on("response", (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  await page.goto(host.launchUrl(packageName));
  await page.waitForFunction(() => "lmsLaunch" in window);
  const launch = await page.evaluate(
    () => (window as unknown as { lmsLaunch: LmsLaunch }).lmsLaunch,
  );
  assert.equal(launch.error, undefined, `the LMS could not launch the package: ${launch.error}`);
  const frame = page.frameLocator("#sco");
  await frame.getByTestId("page-title").waitFor();
  return { page, frame, launch, problems, offsite, close: () => context.close() };
}

export const lmsLog = (page: Page): Promise<LmsLog> =>
  page.evaluate(() => (window as unknown as { lmsLog: LmsLog }).lmsLog);

/** The whole CMI as the LMS holds it (works after Terminate too). */
export const cmiOf = (page: Page): Promise<Cmi> =>
  page.evaluate(
    () =>
      (
        window as unknown as { lmsApi: { renderCMIToJSONObject(): { cmi: Cmi } } }
      ).lmsApi.renderCMIToJSONObject().cmi,
  );

/** Makes the LMS double refuse commits or SetValues with this error, or (null) accept them again. */
export async function setLmsFault(
  page: Page,
  call: "commit" | "set",
  error: LmsFault | null,
): Promise<void> {
  await page.evaluate(
    ([which, value]) => {
      (window as unknown as { lmsFault: Record<string, unknown> }).lmsFault[which] = value;
    },
    [call, error] as const,
  );
}

/** What an LMS hands back to a returning learner, in scorm-again's preload shape. */
export function resumeFrom(format: PackageFormat, cmi: Cmi): Record<string, unknown> {
  if (format === "scorm2004") {
    return {
      entry: "resume",
      location: cmi.location,
      suspend_data: cmi.suspend_data,
      completion_status: cmi.completion_status,
      success_status: cmi.success_status,
    };
  }
  const core = cmi.core as Record<string, unknown>;
  return {
    core: {
      entry: "resume",
      lesson_location: core.lesson_location,
      lesson_status: core.lesson_status,
    },
    suspend_data: cmi.suspend_data,
  };
}

/** Navigating the frame away fires pagehide, where the SCO sets exit and terminates. */
export async function leaveSco(page: Page): Promise<void> {
  await page.evaluate(() => {
    (document.getElementById("sco") as HTMLIFrameElement).src = "about:blank";
  });
  await page.waitForFunction(() => (window as unknown as { lmsLog: LmsLog }).lmsLog.terminated);
}

/** Every question in a module that produces at least one interaction when answered. */
export const isGraded = (q: Question): boolean => q.type !== "likert";

/**
 * Answers one question through the bundle's controls, right or wrong on purpose. Likert questions
 * have no right answer; every statement gets the first scale point.
 */
export async function answerQuestion(
  frame: FrameLocator,
  q: Question,
  correctly: boolean,
): Promise<void> {
  const id = (suffix: string) => frame.getByTestId(`q-${q.id}-${suffix}`);
  switch (q.type) {
    case "single":
    case "scenario": {
      const index = q.options.findIndex((o) => o.correct === correctly);
      await id(LETTERS[index] ?? "").check();
      return;
    }
    case "multiple": {
      // Wrong: one distractor alone, so the answer can never equal the right set.
      const pick = correctly
        ? q.options.flatMap((o, i) => (o.correct ? [i] : []))
        : [q.options.findIndex((o) => !o.correct)];
      for (const i of pick) await id(LETTERS[i] ?? "").check();
      return;
    }
    case "true-false":
      await id(q.answer === correctly ? "t" : "f").check();
      return;
    case "ordering":
      // The bundle never shows items in the right order, so leaving them is a wrong answer.
      if (correctly) await sortOrdering(frame, q.id, q.items.length);
      return;
    case "matching":
      for (let n = 1; n <= q.pairs.length; n++) {
        const letter = LETTERS[correctly ? n - 1 : n % q.pairs.length] ?? "";
        await id(`match-${n}`).selectOption(letter);
      }
      return;
    case "likert":
      for (const statement of q.statements) await id(`${statement.id}-1`).check();
      return;
  }
}

/** Moves ordering items up until they stand in the correct order ("a" first). */
async function sortOrdering(frame: FrameLocator, questionId: string, count: number) {
  for (let target = 0; target < count; target++) {
    const letter = LETTERS[target] ?? "";
    const ids = await frame
      .locator(`[data-testid^="q-${questionId}-item-"]`)
      .evaluateAll((items) => items.map((item) => item.getAttribute("data-testid")));
    for (let at = ids.indexOf(`q-${questionId}-item-${letter}`); at > target; at--) {
      await frame.getByTestId(`q-${questionId}-up-${letter}`).click();
    }
  }
}

export interface QuizPlan {
  /** Ids of graded quiz questions to answer wrongly; every other one is answered right. */
  wrong: ReadonlySet<string>;
  reflection: string;
  /** Texts for particular reflections, by id; the others get reflection. */
  reflections?: Record<string, string>;
}

/**
 * Plays a module from its first page: every lesson in turn with each knowledge check answered
 * correctly, every reflection filled in, then the quiz answered as planned and submitted.
 */
export async function playModule(
  frame: FrameLocator,
  content: ModuleContent,
  plan: QuizPlan,
): Promise<void> {
  const title = () => frame.getByTestId("page-title").textContent();
  for (const [index, lesson] of content.lessons.entries()) {
    assert.equal(await title(), lesson.title, `lesson ${index + 1}`);
    for (const q of lesson.checks) {
      await showQuestion(frame, "check", q.id);
      await answerQuestion(frame, q, true);
      await frame.getByTestId(`check-${q.id}`).click();
      assert.match(
        (await frame.getByTestId(`feedback-${q.id}`).textContent()) ?? "",
        isGraded(q) ? /^Correct\./ : /^Your profile:/,
        `check ${q.id}`,
      );
    }
    await frame.getByTestId("next").click();
  }
  if ((content.reflections ?? []).length) {
    assert.equal(await title(), "Reflections");
    for (const r of content.reflections ?? []) {
      await frame
        .getByTestId(`reflection-${r.id}`)
        .fill(plan.reflections?.[r.id] ?? plan.reflection);
    }
    await frame.getByTestId("next").click();
  }
  assert.equal(await title(), "Final quiz");
  await answerQuiz(frame, content.quiz, plan.wrong);
  await frame.getByTestId("quiz-submit").click();
  await frame.getByTestId("quiz-result").waitFor();
}
