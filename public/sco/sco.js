// Rapport SCO runtime. It renders one module from the JSON embedded in index.html and reports
// only through the SCORM API its host provides, so the same file runs in Rapport's player (which
// supplies a SCORM 2004 API) and in any LMS frame (SCORM 1.2 or 2004).
(() => {
  // biome-ignore lint/suspicious/noRedundantUseStrict: a classic script (it must run from file://), not a module.
  "use strict";
  const LETTERS = "abcdefghijklmnopqrstuvwxyz";
  const SUSPEND_LIMIT = { 2004: 64000, 12: 4096 };
  const REFLECTION_MAX = 2000;
  const MAX_WINDOW_DEPTH = 10;
  const MAX_INTERACTIONS = 250;

  // --- SCORM API discovery + adapter

  function apiNamesFor(target) {
    if (target === "scorm2004") return ["API_1484_11"];
    if (target === "scorm12") return ["API"];
    return ["API_1484_11", "API"];
  }

  /** The standard search: this window and its parents, then the opener and its parents. */
  function candidateWindows() {
    const found = [];
    addWithAncestors(window, found);
    const opener = safely(() => window.opener, null);
    if (opener) addWithAncestors(opener, found);
    return found;
  }

  function addWithAncestors(start, list) {
    let win = start;
    for (let depth = 0; win && depth < MAX_WINDOW_DEPTH; depth++) {
      list.push(win);
      const parent = safely(() => win.parent, null);
      if (!parent || parent === win) return;
      win = parent;
    }
  }

  function readApiFrom(win, name) {
    // A cross-origin ancestor throws on property access; it cannot be our LMS anyway.
    const api = safely(() => win[name], null);
    return api && typeof api === "object" ? api : null;
  }

  function findApi(target) {
    const windows = candidateWindows();
    for (const name of apiNamesFor(target)) {
      for (const win of windows) {
        const api = readApiFrom(win, name);
        if (api) return { name, api };
      }
    }
    return null;
  }

  const isTrue = (result) => result === true || result === "true";

  function safely(call, fallback) {
    try {
      return call();
    } catch {
      return fallback;
    }
  }

  // The two editions differ only in method and element names; the runtime speaks through this.
  const EDITIONS = {
    2004: {
      calls: ["Initialize", "GetValue", "SetValue", "Commit", "Terminate"],
      location: "cmi.location",
      entry: "cmi.entry",
      sessionTime: "cmi.session_time",
      exit: "cmi.exit",
    },
    12: {
      calls: ["LMSInitialize", "LMSGetValue", "LMSSetValue", "LMSCommit", "LMSFinish"],
      location: "cmi.core.lesson_location",
      entry: "cmi.core.entry",
      sessionTime: "cmi.core.session_time",
      exit: "cmi.core.exit",
    },
  };

  function connectLms(found) {
    if (!found) return null;
    const kind = found.name === "API_1484_11" ? 2004 : 12;
    const [init, get, set, save, end] = EDITIONS[kind].calls;
    const call = (name, ...args) => safely(() => found.api[name](...args), "");
    return {
      kind,
      names: EDITIONS[kind],
      initialize: () => isTrue(call(init, "")),
      get: (el) => String(call(get, el) ?? ""),
      set: (el, value) => isTrue(call(set, el, String(value))),
      commit: () => isTrue(call(save, "")),
      terminate: () => isTrue(call(end, "")),
    };
  }

  // --- time formats

  const pad = (n, width) => String(n).padStart(width, "0");

  function isoDuration(ms) {
    const centis = Math.max(0, Math.round(ms / 10));
    const hours = Math.floor(centis / 360000);
    const minutes = Math.floor((centis % 360000) / 6000);
    const seconds = (centis % 6000) / 100;
    return `PT${hours ? `${hours}H` : ""}${minutes ? `${minutes}M` : ""}${seconds}S`;
  }

  function scorm12Timespan(ms) {
    const centis = Math.max(0, Math.round(ms / 10));
    const hours = Math.min(9999, Math.floor(centis / 360000));
    const minutes = Math.floor((centis % 360000) / 6000);
    const seconds = Math.floor((centis % 6000) / 100);
    return `${pad(hours, 4)}:${pad(minutes, 2)}:${pad(seconds, 2)}.${pad(centis % 100, 2)}`;
  }

  function scorm12ClockTime(date) {
    return `${pad(date.getHours(), 2)}:${pad(date.getMinutes(), 2)}:${pad(date.getSeconds(), 2)}`;
  }

  // --- answers and grading
  // Every answer is a short string, so suspend data stays compact and one encoding serves the UI,
  // the grader and both SCORM response formats:
  //   single/scenario "b" · multiple "ac" · true-false "t"|"f" · ordering "cabd" (items by their
  //   correct position) · matching "ba-" (per left item, the chosen right item, "-" for none) ·
  //   likert "3140" (scale point 1..N per statement, "0" for none).

  function correctAnswer(q) {
    switch (q.type) {
      case "single":
      case "scenario":
      case "multiple":
        return q.options.map((o, i) => (o.correct ? LETTERS[i] : "")).join("");
      case "true-false":
        return q.answer ? "t" : "f";
      case "ordering":
        return LETTERS.slice(0, q.items.length);
      case "matching":
        return LETTERS.slice(0, q.pairs.length);
      default:
        return null;
    }
  }

  const isGraded = (q) => q.type !== "likert";

  function isComplete(q, answer) {
    if (!answer) return false;
    if (q.type === "matching") return !answer.includes("-");
    if (q.type === "likert") return !answer.includes("0");
    return true;
  }

  const isCorrect = (q, answer) => answer === correctAnswer(q);

  function likertAverage(answer) {
    const points = Array.from(answer, Number);
    return points.reduce((sum, p) => sum + p, 0) / points.length;
  }

  function likertBand(q, answer) {
    const avg = likertAverage(answer);
    return q.bands.find((b) => b.min <= avg && avg <= b.max) ?? q.bands[q.bands.length - 1];
  }

  // --- interactions

  const INTERACTION_TYPE = {
    single: "choice",
    multiple: "choice",
    scenario: "choice",
    "true-false": "true-false",
    ordering: "sequencing",
    matching: "matching",
  };

  /** Learner answer → the response string of the given SCORM edition. */
  function scormResponse(kind, q, answer) {
    const list = kind === 2004 ? "[,]" : ",";
    const pair = kind === 2004 ? "[.]" : ".";
    switch (q.type) {
      case "true-false":
        if (kind === 2004) return answer === "t" ? "true" : "false";
        return answer;
      case "matching":
        return Array.from(answer)
          .map((letter, i) => (letter === "-" ? "" : `${i + 1}${pair}${letter}`))
          .filter(Boolean)
          .join(list);
      default:
        return Array.from(answer).join(list);
    }
  }

  function interactionDescription(text) {
    // CMILangString250: one line, at most 250 characters, and must not open with "{".
    let line = text.replace(/\s+/g, " ").trim().replace(/^\{+/, "");
    if (line.length > 250) line = line.slice(0, 249).replace(/[\uD800-\uDBFF]$/, "");
    return line;
  }

  /** One interaction per graded question, one per likert statement (neutral, no right answer). */
  function recordAnswer(prefix, q, answer, startedAt) {
    const kind = lms?.kind;
    if (!kind) return;
    if (q.type === "likert") {
      q.statements.forEach((s, i) => {
        const description = `${q.prompt} ${s.text}`;
        const id = `${prefix}-${q.id}-${s.id}`;
        writeInteraction({
          id,
          type: "likert",
          description,
          pattern: null,
          response: answer[i],
          result: "neutral",
          startedAt,
        });
      });
      return;
    }
    writeInteraction({
      id: `${prefix}-${q.id}`,
      type: INTERACTION_TYPE[q.type],
      description: q.prompt,
      pattern: scormResponse(kind, q, correctAnswer(q)),
      response: scormResponse(kind, q, answer),
      result: isCorrect(q, answer) ? "correct" : kind === 2004 ? "incorrect" : "wrong",
      startedAt,
    });
  }

  function writeInteraction(it) {
    // Rapport's runtime stores at most 250 per attempt (as many LMSes do); past that, endless quiz
    // retries still update the score and status but are not recorded answer by answer.
    if (session.interactionCount >= MAX_INTERACTIONS) return;
    const kind = lms.kind;
    const n = session.interactionCount++;
    const at = `cmi.interactions.${n}.`;
    // The id and type go first: both standards reject a response before they know the type.
    lms.set(`${at}id`, it.id);
    lms.set(`${at}type`, it.type);
    const started = new Date(it.startedAt);
    if (kind === 2004) {
      // SCORM 2004 times allow at most two decimals of a second (toISOString gives three).
      lms.set(`${at}timestamp`, started.toISOString().replace(/(\.\d{2})\d*Z$/, "$1Z"));
      lms.set(`${at}description`, interactionDescription(it.description));
    } else {
      lms.set(`${at}time`, scorm12ClockTime(started));
    }
    if (it.pattern !== null) lms.set(`${at}correct_responses.0.pattern`, it.pattern);
    lms.set(`${at}${kind === 2004 ? "learner_response" : "student_response"}`, it.response);
    lms.set(`${at}result`, it.result);
    const latency = Date.now() - it.startedAt;
    lms.set(`${at}latency`, kind === 2004 ? isoDuration(latency) : scorm12Timespan(latency));
  }

  // --- state + suspend data

  const content = readContent();
  const pages = buildPages(content);
  const state = {
    viewed: content.lessons.map(() => false),
    answers: {},
    quizSubmitted: false,
    quizAttempts: 0,
    quizPassed: null,
    reflections: {},
  };
  const session = {
    startedAt: Date.now(),
    entry: "",
    interactionCount: 0,
    passMark: content.passMark,
    current: 0,
    terminated: false,
    reflectionsTrimmed: false,
    initialCompletion: "",
    initialStatus: "",
  };
  let lms = null;

  function readContent() {
    const block = document.getElementById("sco-content");
    return JSON.parse(block ? block.textContent : "{}");
  }

  function buildPages(c) {
    const list = c.lessons.map((lesson, index) => ({
      key: `lesson/${lesson.id}`,
      kind: "lesson",
      title: lesson.title,
      lesson,
      index,
    }));
    if (c.reflections.length)
      list.push({ key: "reflections", kind: "reflections", title: "Reflections" });
    list.push({ key: "quiz", kind: "quiz", title: "Final quiz" });
    if (c.worksheet) list.push({ key: "worksheet", kind: "worksheet", title: c.worksheet.title });
    return list;
  }

  /**
   * Suspend data, compact JSON:
   * {"v":1,"l":"1101","a":{"<questionId>":"<answer>"},"q":{"s":1,"n":2,"p":0},"r":{"<id>":"text"}}
   * l = lessons viewed (one digit per lesson), a = checked knowledge-check answers and current quiz
   * answers, q = quiz submitted/attempts/last result (p omitted before the first submit),
   * r = reflections (omitted when empty).
   */
  function suspendObject(reflections) {
    const quiz = { s: state.quizSubmitted ? 1 : 0, n: state.quizAttempts };
    if (state.quizPassed !== null) quiz.p = state.quizPassed ? 1 : 0;
    const data = {
      v: 1,
      l: state.viewed.map((v) => (v ? "1" : "0")).join(""),
      a: state.answers,
      q: quiz,
    };
    if (Object.keys(reflections).length) data.r = reflections;
    return data;
  }

  function capReflections(cap) {
    const capped = {};
    for (const [id, text] of Object.entries(state.reflections)) {
      if (text) capped[id] = text.slice(0, cap).replace(/[\uD800-\uDBFF]$/, "");
    }
    return capped;
  }

  /** Serialises within the LMS's limit; reflections give way first, practice answers next. */
  function serializeSuspend(limit) {
    const full = JSON.stringify(suspendObject(capReflections(REFLECTION_MAX)));
    if (full.length <= limit) return { json: full, trimmed: false };
    let low = 0;
    let high = REFLECTION_MAX;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if (JSON.stringify(suspendObject(capReflections(mid))).length <= limit) low = mid;
      else high = mid - 1;
    }
    const capped = JSON.stringify(suspendObject(low > 0 ? capReflections(low) : {}));
    if (capped.length <= limit) return { json: capped, trimmed: true };
    // Practice answers go last; the quiz alone (30 short answers at most) always fits.
    const saved = state.answers;
    state.answers = {};
    for (const q of content.quiz) if (saved[q.id]) state.answers[q.id] = saved[q.id];
    const lean = JSON.stringify(suspendObject({}));
    state.answers = saved;
    return { json: lean, trimmed: true };
  }

  function restoreSuspend(text) {
    let data;
    try {
      data = JSON.parse(text);
    } catch {
      return;
    }
    if (data?.v !== 1) return;
    if (typeof data.l === "string") state.viewed = state.viewed.map((_, i) => data.l[i] === "1");
    copyStrings(data.a, state.answers);
    if (data.q && typeof data.q === "object") {
      state.quizSubmitted = data.q.s === 1;
      state.quizAttempts = Number.isInteger(data.q.n) ? data.q.n : 0;
      state.quizPassed = data.q.p === 1 ? true : data.q.p === 0 ? false : null;
    }
    copyStrings(data.r, state.reflections);
  }

  function copyStrings(from, to) {
    for (const [key, value] of Object.entries(from ?? {})) {
      if (typeof value === "string") to[key] = value;
    }
  }

  function saveSuspend() {
    if (!lms) return;
    const { json, trimmed } = serializeSuspend(SUSPEND_LIMIT[lms.kind]);
    session.reflectionsTrimmed = trimmed;
    lms.set("cmi.suspend_data", json);
  }

  function saveLocation() {
    if (lms) lms.set(lms.names.location, pages[session.current].key);
  }

  function commit() {
    if (lms && !session.terminated) lms.commit();
  }

  // --- status reporting
  // Completion, success and progress come from the platform's one status rule
  // (server/progress/status-rule.ts, shipped beside this file as status-rule.js), so the LMS,
  // Rapport's pages and its reports all say the same thing.

  const statusRule = window.RapportStatusRule;
  const viewedCount = () => state.viewed.filter(Boolean).length;
  const hasGradedQuiz = () => content.quiz.some(isGraded);

  function currentStanding(scoreRatio) {
    return statusRule.standing({
      lessonCount: state.viewed.length,
      lessonsViewed: viewedCount(),
      hasQuiz: hasGradedQuiz(),
      quizSubmitted: state.quizPassed !== null,
      scoreRatio: scoreRatio ?? null,
      passMark: session.passMark,
    });
  }

  function reportProgress() {
    if (!lms) return;
    const standing = currentStanding();
    if (lms.kind === 2004) {
      lms.set("cmi.progress_measure", standing.progress);
      // Completion only moves forward, even if suspend data was lost along the way.
      const done = standing.completed || session.initialCompletion === "completed";
      lms.set("cmi.completion_status", done ? "completed" : "incomplete");
    } else {
      report12Status(standing);
    }
  }

  /** SCORM 1.2 has one status: incomplete until the quiz is submitted, then passed or failed. */
  function report12Status(standing) {
    if (session.initialStatus === "passed") return;
    let status = standing.completed ? "completed" : "incomplete";
    if (state.quizPassed === true) status = "passed";
    else if (state.quizPassed === false) status = "failed";
    else if (["completed", "failed"].includes(session.initialStatus))
      status = session.initialStatus;
    lms.set("cmi.core.lesson_status", status);
  }

  function reportScore(ratio) {
    if (!lms) return;
    const standing = currentStanding(ratio);
    const score = lms.kind === 2004 ? "cmi.score." : "cmi.core.score.";
    // SCORM 1.2: the final status goes before the score and again after it, so an LMS that
    // regrades when either element changes grades with the right pair.
    if (lms.kind === 12) report12Status(standing);
    if (lms.kind === 2004) lms.set(`${score}scaled`, Math.round(ratio * 10000) / 10000);
    lms.set(`${score}raw`, Math.round(ratio * 10000) / 100);
    lms.set(`${score}min`, 0);
    lms.set(`${score}max`, 100);
    if (lms.kind === 2004) {
      lms.set("cmi.success_status", standing.success === "unknown" ? "unknown" : standing.success);
      reportProgress();
    } else report12Status(standing);
  }

  function readPassMark() {
    if (lms.kind === 2004) {
      const scaled = Number.parseFloat(lms.get("cmi.scaled_passing_score"));
      if (Number.isFinite(scaled) && scaled >= -1 && scaled <= 1) return Math.max(0, scaled * 100);
    } else {
      const mastery = Number.parseFloat(lms.get("cmi.student_data.mastery_score"));
      if (Number.isFinite(mastery) && mastery >= 0 && mastery <= 100) return mastery;
    }
    return content.passMark;
  }

  function startSession() {
    lms = connectLms(findApi(content.target));
    if (lms && !lms.initialize()) lms = null;
    if (!lms) return { location: "", preview: true };
    const names = lms.names;
    session.entry = lms.get(names.entry);
    session.passMark = readPassMark();
    // Interactions are journaled: new answers append after whatever the LMS already holds.
    session.interactionCount = Number.parseInt(lms.get("cmi.interactions._count"), 10) || 0;
    if (lms.kind === 2004) session.initialCompletion = lms.get("cmi.completion_status");
    else session.initialStatus = lms.get("cmi.core.lesson_status");
    // Resume from suspend data whenever the LMS kept some: it only keeps it for this attempt.
    restoreSuspend(lms.get("cmi.suspend_data"));
    return { location: lms.get(names.location), preview: false };
  }

  function finishSession() {
    if (!lms || session.terminated) return;
    session.terminated = true;
    const names = lms.names;
    saveSuspend();
    saveLocation();
    const elapsed = Date.now() - session.startedAt;
    lms.set(names.sessionTime, lms.kind === 2004 ? isoDuration(elapsed) : scorm12Timespan(elapsed));
    const finished = currentStanding().completed && (state.quizPassed === true || !hasGradedQuiz());
    lms.set(names.exit, finished ? (lms.kind === 2004 ? "normal" : "") : "suspend");
    lms.commit();
    lms.terminate();
  }

  // --- DOM helpers

  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === "class") el.className = value;
      else if (name === "text") el.textContent = value;
      else if (name.startsWith("on")) el.addEventListener(name.slice(2), value);
      else el.setAttribute(name, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child !== null && child !== undefined && child !== false) el.append(child);
    }
    return el;
  }

  function button(text, testId, onclick, primary) {
    const cls = primary ? "sco-button sco-button-primary" : "sco-button";
    return h("button", { type: "button", class: cls, "data-testid": testId, text, onclick });
  }

  const testId = (text) => text.replace(/[^a-z0-9-]/gi, "-");

  /** Deterministic shuffle, never left in the correct order, so an ordering task is a task. */
  function shuffledLetters(count, seed) {
    let hash = 2166136261;
    for (const ch of seed) hash = Math.imul(hash ^ ch.charCodeAt(0), 16777619) >>> 0;
    const order = Array.from({ length: count }, (_, i) => i);
    for (let i = count - 1; i > 0; i--) {
      hash = Math.imul(hash ^ (hash >>> 15), 2246822507) >>> 0;
      const j = hash % (i + 1);
      [order[i], order[j]] = [order[j], order[i]];
    }
    if (order.every((v, i) => v === i)) order.push(order.shift());
    return order.map((i) => LETTERS[i]).join("");
  }

  // --- question widgets
  // A widget renders one question and keeps its answer string; the lesson and quiz pages decide
  // when to grade, record and show feedback.

  const BUILDERS = {
    single: buildChoice,
    scenario: buildChoice,
    multiple: buildChoice,
    "true-false": buildChoice,
    ordering: buildOrdering,
    matching: buildMatching,
    likert: buildLikert,
  };

  const HINTS = {
    multiple: "Choose all that apply.",
    ordering: "Put the items in order with the Move up and Move down buttons.",
    matching: "Choose the match for each item.",
  };

  function createQuestion(q, opts) {
    const uid = `${opts.prefix}-${q.id}`;
    const widget = { q, uid, answer: opts.answer ?? "", slots: {}, focusTarget: null };
    widget.change = (answer) => {
      widget.answer = answer;
      clearFeedback(widget);
      opts.onChange?.(answer);
    };
    const body = BUILDERS[q.type](q, widget, opts);
    const situation =
      q.type === "scenario"
        ? h("p", { class: "sco-situation", id: `${uid}-situation`, text: q.situation })
        : null;
    widget.summary = h("div", {
      class: "sco-summary",
      "data-testid": `feedback-${q.id}`,
      "aria-live": opts.live ? "polite" : null,
    });
    widget.root = h(
      "div",
      { class: `sco-question sco-${q.type}`, "data-testid": `q-${q.id}` },
      situation,
      h(
        "fieldset",
        { class: "sco-fieldset", "aria-describedby": situation?.id },
        h("legend", { class: "sco-prompt", text: q.prompt }),
        HINTS[q.type] ? h("p", { class: "sco-hint", text: HINTS[q.type] }) : null,
        body,
      ),
      widget.summary,
    );
    return widget;
  }

  function clearFeedback(widget) {
    for (const el of Object.values(widget.slots)) {
      el.hidden = true;
      el.textContent = "";
    }
    widget.summary.textContent = "";
    widget.root.classList.remove("is-correct", "is-wrong");
  }

  function lockQuestion(widget) {
    widget.locked = true;
    widget.rerender?.();
    for (const el of widget.root.querySelectorAll("input, select, button")) el.disabled = true;
  }

  /** The feedback paragraph for one option or item, created once and reused across re-renders. */
  function slot(widget, key) {
    widget.slots[key] ??= h("p", { class: "sco-item-feedback", hidden: true });
    return widget.slots[key];
  }

  function choiceInput(widget, attrs, label, extra) {
    const input = h("input", { ...attrs, id: `${attrs.name}-${attrs.value}` });
    widget.focusTarget ??= input;
    return h(
      "div",
      { class: "sco-option" },
      input,
      h("label", { for: input.id, text: label }),
      extra,
    );
  }

  function buildChoice(q, widget) {
    const tf = q.type === "true-false";
    const options = tf ? [{ text: "True" }, { text: "False" }] : q.options;
    const list = h("div", { class: tf ? "sco-options sco-options-row" : "sco-options" });
    options.forEach((option, i) => {
      const value = tf ? "tf"[i] : LETTERS[i];
      const attrs = {
        type: q.type === "multiple" ? "checkbox" : "radio",
        name: widget.uid,
        value,
        "data-testid": `q-${q.id}-${value}`,
        checked: widget.answer.includes(value),
        onchange: () => {
          const chosen = [...list.querySelectorAll("input:checked")].map((el) => el.value);
          widget.change(chosen.sort().join(""));
        },
      };
      list.append(choiceInput(widget, attrs, option.text, tf ? null : slot(widget, value)));
    });
    if (tf) list.append(slot(widget, "tf"));
    return list;
  }

  function buildOrdering(q, widget, opts) {
    const letters = [...widget.answer].sort().join("");
    if (widget.answer.length !== q.items.length || letters !== correctAnswer(q)) {
      widget.answer = shuffledLetters(q.items.length, `${q.id}:${opts.seed ?? 0}`);
    }
    const list = h("ol", { class: "sco-ordering-list" });
    const status = h("p", { class: "sco-visually-hidden", "aria-live": "polite" });
    const move = (letter, delta) => {
      const order = [...widget.answer];
      const from = order.indexOf(letter);
      const to = from + delta;
      [order[from], order[to]] = [order[to], order[from]];
      widget.change(order.join(""));
      render();
      // Keep focus on the moved item; at either end, its other button takes over.
      const buttons = list.querySelectorAll(`[data-letter="${letter}"]`);
      const same = buttons[delta < 0 ? 0 : 1];
      (same.disabled ? buttons[delta < 0 ? 1 : 0] : same).focus();
      const text = q.items[LETTERS.indexOf(letter)].text;
      status.textContent = `${text}: now position ${to + 1} of ${order.length}.`;
    };
    const moveButton = (item, letter, delta, disabled) => {
      const word = delta < 0 ? "up" : "down";
      return h("button", {
        type: "button",
        class: "sco-button sco-button-small",
        "aria-label": `Move ${word}: ${item.text}`,
        "data-testid": `q-${q.id}-${word}-${letter}`,
        "data-letter": letter,
        disabled,
        onclick: () => move(letter, delta),
        text: delta < 0 ? "↑ Up" : "↓ Down",
      });
    };
    const render = () => {
      const order = [...widget.answer];
      list.replaceChildren(
        ...order.map((letter, position) => {
          const item = q.items[LETTERS.indexOf(letter)];
          return h(
            "li",
            { class: "sco-ordering-item", "data-testid": `q-${q.id}-item-${letter}` },
            h("span", { class: "sco-ordering-text", text: item.text }),
            // Once the quiz is submitted the arrangement is final, so the buttons go.
            widget.locked
              ? null
              : h(
                  "span",
                  { class: "sco-ordering-buttons" },
                  moveButton(item, letter, -1, position === 0),
                  moveButton(item, letter, 1, position === order.length - 1),
                ),
            slot(widget, letter),
          );
        }),
      );
      widget.focusTarget = list.querySelector("button:not([disabled])");
    };
    widget.rerender = render;
    render();
    return h("div", {}, list, status);
  }

  function buildMatching(q, widget) {
    if (widget.answer.length !== q.pairs.length) widget.answer = "-".repeat(q.pairs.length);
    // Right-hand items listed alphabetically, so their order gives nothing away.
    const rights = q.pairs.map((p, i) => ({ letter: LETTERS[i], text: p.right }));
    rights.sort((a, b) => a.text.localeCompare(b.text, "en"));
    const list = h("div", { class: "sco-matching-list" });
    q.pairs.forEach((pair, i) => {
      const choose = (event) => {
        const letters = [...widget.answer];
        letters[i] = event.target.value || "-";
        widget.change(letters.join(""));
      };
      const id = `${widget.uid}-match-${i + 1}`;
      const select = h(
        "select",
        { id, "data-testid": `q-${q.id}-match-${i + 1}`, onchange: choose },
        h("option", { value: "", text: "Choose a match…" }),
        rights.map((r) =>
          h("option", { value: r.letter, text: r.text, selected: widget.answer[i] === r.letter }),
        ),
      );
      widget.focusTarget ??= select;
      const label = h("label", { for: id, text: pair.left });
      list.append(h("div", { class: "sco-matching-row" }, label, select, slot(widget, i)));
    });
    return list;
  }

  function buildLikert(q, widget) {
    if (widget.answer.length !== q.statements.length) {
      widget.answer = "0".repeat(q.statements.length);
    }
    const list = h("div", { class: "sco-likert-list" });
    q.statements.forEach((statement, i) => {
      const choices = q.scale.map((label, p) => {
        const value = String(p + 1);
        const attrs = {
          type: "radio",
          name: `${widget.uid}-${statement.id}`,
          value,
          "data-testid": `q-${q.id}-${statement.id}-${value}`,
          checked: widget.answer[i] === value,
          onchange: () => {
            const points = [...widget.answer];
            points[i] = value;
            widget.change(points.join(""));
          },
        };
        return choiceInput(widget, attrs, label, null);
      });
      list.append(
        h(
          "fieldset",
          { class: "sco-likert-statement" },
          h("legend", { text: statement.text }),
          h("div", { class: "sco-likert-scale" }, choices),
        ),
      );
    });
    list.append(slot(widget, "band"));
    return list;
  }

  function mark(el, ok, text) {
    el.hidden = false;
    el.replaceChildren(h("strong", { text: ok ? "✓ " : "✗ " }), text);
    el.className = `sco-item-feedback ${ok ? "is-correct" : "is-wrong"}`;
  }

  function showFeedback(widget) {
    const { q, answer, slots } = widget;
    if (q.type === "likert") {
      const band = likertBand(q, answer);
      const average = likertAverage(answer).toFixed(1);
      slots.band.hidden = false;
      slots.band.replaceChildren(
        h("strong", { text: `Your profile: ${band.label}. ` }),
        `${band.text} (Average ${average} on a scale of 1 to ${q.scale.length}.)`,
      );
      widget.summary.textContent = `Your profile: ${band.label}.`;
      return;
    }
    const ok = isCorrect(q, answer);
    widget.root.classList.add(ok ? "is-correct" : "is-wrong");
    widget.summary.textContent = ok
      ? "Correct."
      : "Not quite. The feedback under each answer explains why.";
    if (q.options) {
      q.options.forEach((option, i) => {
        const chosen = answer.includes(LETTERS[i]);
        const verdict = chosen ? "Your choice is " : "This is ";
        const judged = `${verdict}${option.correct ? "" : "not "}correct. `;
        mark(slots[LETTERS[i]], option.correct, `${judged}${option.feedback}`);
      });
    } else if (q.type === "true-false") {
      const said = answer === "t";
      const truth = `The statement is ${q.answer ? "true" : "false"}. `;
      mark(slots.tf, said === q.answer, `${truth}${q.feedback[String(said)]}`);
    } else if (q.type === "ordering") {
      [...answer].forEach((letter, position) => {
        const right = LETTERS.indexOf(letter);
        const where =
          right === position ? "In the right place. " : `Belongs at position ${right + 1}. `;
        mark(slots[letter], right === position, `${where}${q.items[right].feedback}`);
      });
    } else {
      q.pairs.forEach((pair, i) => {
        const match = answer[i] === LETTERS[i];
        const verdict = match ? "Correct match. " : `The match is: ${pair.right}. `;
        mark(slots[i], match, `${verdict}${pair.feedback}`);
      });
    }
  }

  // --- layout + navigation

  const ui = {};

  function buildShell(preview) {
    const app = document.getElementById("sco-app");
    ui.progressBar = h("span", { class: "sco-progress-fill" });
    ui.progress = h(
      "div",
      {
        class: "sco-progress",
        role: "progressbar",
        "aria-label": "Lessons viewed",
        "aria-valuemin": 0,
        "aria-valuemax": content.lessons.length,
        "data-testid": "progress",
      },
      ui.progressBar,
    );
    ui.progressText = h("span", { class: "sco-progress-text" });
    ui.navList = h("ol", { class: "sco-nav-list" });
    const toc = h("details", { class: "sco-toc" }, h("summary", { text: "Contents" }), ui.navList);
    // Open beside the page on wide screens; folded away above it on phones.
    if (window.matchMedia?.("(min-width: 60em)").matches) toc.open = true;
    ui.nav = h("nav", { class: "sco-nav", "aria-label": "Module contents" }, toc);
    ui.main = h("main", { id: "sco-main", class: "sco-main" });
    app.replaceChildren(
      h("a", {
        class: "sco-skip",
        href: "#sco-main",
        text: "Skip to content",
        onclick: (event) => {
          event.preventDefault();
          ui.main.querySelector("h1")?.focus();
        },
      }),
      h(
        "header",
        { class: "sco-header" },
        h("p", { class: "sco-module-title", text: content.title }),
        h("div", { class: "sco-progress-row" }, ui.progress, ui.progressText),
        preview
          ? h("p", {
              class: "sco-preview",
              role: "status",
              "data-testid": "preview-notice",
              text: "Preview: progress is not being saved",
            })
          : null,
      ),
      h("div", { class: "sco-layout" }, ui.nav, ui.main),
    );
  }

  function updateChrome() {
    const seen = viewedCount();
    const total = content.lessons.length;
    ui.progress.setAttribute("aria-valuenow", String(seen));
    ui.progress.setAttribute("aria-valuetext", `${seen} of ${total} lessons viewed`);
    ui.progressBar.style.width = `${(seen / total) * 100}%`;
    ui.progressText.textContent = `${seen} of ${total} lessons viewed`;
    ui.navList.replaceChildren(
      ...pages.map((page, index) => {
        const done =
          page.kind === "lesson"
            ? state.viewed[page.index]
            : page.kind === "quiz" && state.quizPassed === true;
        return h(
          "li",
          {},
          h(
            "a",
            {
              href: `#${page.key}`,
              class: done ? "is-done" : null,
              "aria-current": index === session.current ? "page" : null,
              "data-testid": `nav-${testId(page.key)}`,
              onclick: (event) => {
                event.preventDefault();
                goTo(index, true);
              },
            },
            page.title,
            done ? h("span", { class: "sco-done", "aria-hidden": "true", text: " ✓" }) : null,
            done ? h("span", { class: "sco-visually-hidden", text: " (done)" }) : null,
          ),
        );
      }),
    );
  }

  function goTo(index, moveFocus) {
    flushReflections();
    session.current = Math.max(0, Math.min(pages.length - 1, index));
    const page = pages[session.current];
    const heading = h("h1", { tabindex: -1, "data-testid": "page-title", text: page.title });
    const body = renderPage(page);
    ui.main.replaceChildren(heading, ...body, pager());
    document.title = `${page.title} · ${content.title}`;
    if (page.kind === "lesson" && !state.viewed[page.index]) {
      state.viewed[page.index] = true;
      reportProgress();
    }
    saveLocation();
    saveSuspend();
    commit();
    updateChrome();
    if (moveFocus) {
      window.scrollTo(0, 0);
      heading.focus();
    }
  }

  function pager() {
    const at = session.current;
    return h(
      "nav",
      { class: "sco-pager", "aria-label": "Previous and next page" },
      at > 0 ? button("Previous", "prev", () => goTo(at - 1, true)) : h("span"),
      at < pages.length - 1 ? button("Next", "next", () => goTo(at + 1, true), true) : null,
    );
  }

  const pageIndex = (key) =>
    Math.max(
      0,
      pages.findIndex((p) => p.key === key),
    );

  function renderPage(page) {
    if (page.kind === "lesson") return renderLesson(page.lesson);
    if (page.kind === "reflections") return renderReflections();
    if (page.kind === "quiz") return renderQuiz();
    return renderWorksheet();
  }

  // --- pages

  function renderLesson(lesson) {
    const article = h("div", { class: "sco-lesson-body" });
    // Sanitised at publish time by the server's one Markdown renderer.
    article.innerHTML = lesson.html;
    const parts = [h("p", { class: "sco-meta", text: `About ${lesson.minutes} min` }), article];
    if (lesson.checks.length) {
      const shownAt = Date.now();
      parts.push(
        h(
          "section",
          { class: "sco-checks", "aria-labelledby": `checks-${lesson.id}` },
          h("h2", { id: `checks-${lesson.id}`, text: "Check your understanding" }),
          lesson.checks.map((q) => renderCheck(q, shownAt)),
        ),
      );
    }
    return parts;
  }

  function renderCheck(q, shownAt) {
    const saved = state.answers[q.id];
    const widget = createQuestion(q, { prefix: "check", answer: saved, live: true });
    const likert = q.type === "likert";
    const check = () => {
      if (!isComplete(q, widget.answer)) {
        widget.summary.textContent = likert
          ? "Answer every statement first."
          : "Choose an answer first.";
        return;
      }
      const first = state.answers[q.id] === undefined;
      state.answers[q.id] = widget.answer;
      showFeedback(widget);
      // Only the first try is reported: later tries are practice with the feedback in view.
      if (first) recordAnswer("check", q, widget.answer, shownAt);
      saveSuspend();
      commit();
    };
    if (saved !== undefined && isComplete(q, saved)) showFeedback(widget);
    widget.root.append(button(likert ? "Show my profile" : "Check answer", `check-${q.id}`, check));
    return widget.root;
  }

  let reflectionTimer = 0;

  function flushReflections() {
    if (!reflectionTimer) return;
    clearTimeout(reflectionTimer);
    reflectionTimer = 0;
    saveSuspend();
    commit();
  }

  function renderReflections() {
    const status = h("p", { class: "sco-save-status", "aria-live": "polite" });
    const fields = content.reflections.map((r) => {
      const id = `reflection-${r.id}`;
      return h(
        "div",
        { class: "sco-reflection" },
        h("label", { for: id, text: r.prompt }),
        h("textarea", {
          id,
          rows: 5,
          maxlength: REFLECTION_MAX,
          "data-testid": id,
          oninput: (event) => {
            state.reflections[r.id] = event.target.value;
            clearTimeout(reflectionTimer);
            reflectionTimer = setTimeout(() => {
              flushReflections();
              status.textContent = savedMessage();
            }, 800);
          },
          onchange: () => {
            flushReflections();
            status.textContent = savedMessage();
          },
        }),
      );
    });
    // Textarea values are set after creation: the DOM helper treats attributes, not properties.
    fields.forEach((field, i) => {
      field.querySelector("textarea").value = state.reflections[content.reflections[i].id] ?? "";
    });
    return [
      h("p", {
        text: "These prompts are for you. Your answers are kept with your progress so you can come back to them.",
      }),
      ...fields,
      status,
    ];
  }

  function savedMessage() {
    if (!lms) return "Preview: reflections are not being saved.";
    if (session.reflectionsTrimmed) {
      return "Saved. This learning system stores only a little text, so only the start of long reflections is kept.";
    }
    return "Saved.";
  }

  // Quiz timing lives only in memory: latency is measured from when this attempt was shown.
  let quizShownAt = 0;

  function renderQuiz() {
    const graded = content.quiz.filter(isGraded);
    if (!quizShownAt) quizShownAt = Date.now();
    const submitted = state.quizSubmitted;
    const intro = h("p", {
      text:
        `${content.quiz.length} question${content.quiz.length === 1 ? "" : "s"}. You need ${formatPercent(session.passMark)} to pass.` +
        (graded.length < content.quiz.length ? " The self-assessment is not scored." : ""),
    });
    const message = h("p", {
      class: "sco-form-message",
      "aria-live": "assertive",
      "data-testid": "quiz-message",
    });
    const widgets = content.quiz.map((q) =>
      createQuestion(q, {
        prefix: "quiz",
        answer: state.answers[q.id],
        seed: state.quizAttempts,
        onChange: (answer) => {
          state.answers[q.id] = answer;
          message.textContent = "";
          saveSuspend();
          commit();
        },
      }),
    );
    const items = widgets.map((w, i) =>
      h(
        "li",
        { class: "sco-quiz-item" },
        h("h2", { class: "sco-question-number", text: `Question ${i + 1} of ${widgets.length}` }),
        w.root,
      ),
    );
    const parts = [intro];
    if (submitted) {
      for (const w of widgets) {
        lockQuestion(w);
        showFeedback(w);
      }
      parts.push(renderQuizResult());
    }
    parts.push(h("ol", { class: "sco-quiz-list" }, items));
    if (!submitted) {
      parts.push(
        message,
        button("Submit answers", "quiz-submit", () => submitQuiz(widgets, message), true),
      );
    }
    return parts;
  }

  function formatPercent(value) {
    return `${Math.round(value * 100) / 100}%`;
  }

  function quizScore() {
    const graded = content.quiz.filter(isGraded);
    const correct = graded.filter((q) => isCorrect(q, state.answers[q.id] ?? "")).length;
    return { correct, total: graded.length, ratio: graded.length ? correct / graded.length : 0 };
  }

  function renderQuizResult() {
    const { correct, total, ratio } = quizScore();
    const passed = state.quizPassed === true;
    const percent = Math.floor(ratio * 100);
    const section = h(
      "section",
      {
        class: `sco-result ${passed ? "is-correct" : "is-wrong"}`,
        "aria-labelledby": "quiz-result-title",
        "data-testid": "quiz-result",
      },
      h("h2", {
        id: "quiz-result-title",
        tabindex: -1,
        text: passed ? "You passed" : "Not passed yet",
      }),
      h("p", {
        text: `You scored ${percent}% (${correct} of ${total} correct). ${
          passed
            ? "Well done."
            : `You need ${formatPercent(session.passMark)} to pass. Read the feedback below, then try again.`
        }`,
      }),
    );
    if (!passed) {
      section.append(button("Try again", "quiz-retry", retryQuiz, true));
    }
    return section;
  }

  function submitQuiz(widgets, message) {
    const missing = widgets.filter((w) => !isComplete(w.q, w.answer));
    if (missing.length) {
      message.textContent = `Answer every question before submitting: ${missing.length} still need${missing.length === 1 ? "s" : ""} an answer.`;
      missing[0].focusTarget?.focus();
      return;
    }
    for (const w of widgets) state.answers[w.q.id] = w.answer;
    const { ratio } = quizScore();
    state.quizSubmitted = true;
    state.quizAttempts += 1;
    state.quizPassed =
      statusRule.standing({
        lessonCount: 0,
        lessonsViewed: 0,
        hasQuiz: true,
        quizSubmitted: true,
        scoreRatio: ratio,
        passMark: session.passMark,
      }).success === "passed";
    for (const w of widgets) recordAnswer("quiz", w.q, w.answer, quizShownAt);
    reportScore(ratio);
    // goTo re-renders the page in its submitted state and saves + commits.
    goTo(session.current, false);
    document.getElementById("quiz-result-title")?.focus();
  }

  function retryQuiz() {
    for (const q of content.quiz) delete state.answers[q.id];
    state.quizSubmitted = false;
    quizShownAt = Date.now();
    goTo(session.current, true);
  }

  function renderWorksheet() {
    const body = h("div", { class: "sco-worksheet-body" });
    body.innerHTML = content.worksheet.html;
    return [button("Print worksheet", "print-worksheet", () => window.print()), body];
  }

  // --- start

  function start() {
    const { location, preview } = startSession();
    buildShell(preview);
    reportProgress();
    goTo(pageIndex(location), false);
    window.addEventListener("pagehide", finishSession);
    window.addEventListener("beforeunload", finishSession);
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "hidden" && !session.terminated) {
        flushReflections();
        commit();
      }
    });
  }

  window.RapportSco = {
    get state() {
      return JSON.parse(JSON.stringify(state));
    },
    get api() {
      return lms ? (lms.kind === 2004 ? "scorm2004" : "scorm12") : "preview";
    },
    get entry() {
      return session.entry;
    },
    goTo: (key) => goTo(pageIndex(key), true),
    finish: finishSession,
  };

  start();
})();
