// Issue #13 item 9: a POST with no body at all (Express 5 leaves req.body undefined) crashed the
// form handlers with a 500 and, in development, a stack trace.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { loadCourseLibrary } from "../../server/content/load-course-library.ts";
import { createLogger } from "../../server/http/logger.ts";
import { Attempt } from "../../server/runtime/attempt-model.ts";
import { HttpClient } from "../helpers/http-client.ts";
import { signedInLearner } from "../helpers/learner.ts";
import { startTestApp } from "../helpers/test-app.ts";

let app: Awaited<ReturnType<typeof startTestApp>>;
before(async () => {
  app = await startTestApp(import.meta.url);
  await loadCourseLibrary({ logger: createLogger("silent") });
});
after(async () => {
  await app.stop();
});

/** A POST with no body and no content type, as `curl -X POST` sends it. */
function emptyPost(client: HttpClient, path: string, csrfToken?: string) {
  return client.request(path, {
    method: "POST",
    headers: { accept: "text/html", ...(csrfToken ? { "x-csrf-token": csrfToken } : {}) },
  });
}

async function assertClearRefusal(res: Response, status: number, message: RegExp) {
  const html = await res.text();
  assert.equal(res.status, status, html.slice(0, 500));
  assert.match(html, message);
  assert.doesNotMatch(html, /\bat .*\.ts:\d+/, "no stack trace");
}

test("sign-in, registration and setup answer a body-less post with 4xx and a clear message", async () => {
  for (const path of ["/login", "/register", "/setup"]) {
    const anonymous = new HttpClient(app.baseUrl);
    await assertClearRefusal(await emptyPost(anonymous, path), 403, /form has expired/);

    // With a valid token in the header, the form itself is what is missing.
    const visitor = new HttpClient(app.baseUrl);
    const token = await visitor.csrfFrom(path);
    const res = await emptyPost(visitor, path, token);
    if (path === "/login") await assertClearRefusal(res, 401, /do not match an account/);
    else await assertClearRefusal(res, 400, /Enter your email address/);
  }
});

test("starting a module with a body-less post is refused without its token, and never a 500", async () => {
  const learner = await signedInLearner(app.baseUrl, "bo@example.com");
  await assertClearRefusal(
    await emptyPost(learner, "/modules/trust/attempts"),
    403,
    /form has expired/,
  );
  assert.equal(await Attempt.countDocuments(), 0, "a refused post starts nothing");

  const token = await learner.csrfFrom("/modules/trust");
  const started = await emptyPost(learner, "/modules/trust/attempts", token);
  assert.equal(started.status, 303, "an empty form is the Start button without retake");
  assert.equal(await Attempt.countDocuments(), 1);
});
