// Django Drill benchmark: sizes, the bank's share, start-up, interaction latency, the search call, Lighthouse and axe,
// on the release dist/ (built by .ci/bench). Prints a report and writes target/bench.json. Times are measured, never
// asserted: the deterministic budgets live in budget.mjs.
//
// node tests/bench/bench.mjs [--quick] [--no-lighthouse] [--runs N] [--encoding br|gzip] [--dist dist]
//   [--out target/bench.json] [--only startup,interactions,search-call,axe,lighthouse]   (sizes are always measured)
import { spawn } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, writeFileSync, mkdtempSync, rmSync, existsSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "../e2e/node_modules/playwright-core/index.mjs";
import AxeBuilder from "../e2e/node_modules/@axe-core/playwright/dist/index.mjs";
import { host } from "./server.mjs";
import { CHROMIUM, CHROMIUM_ARGS } from "../e2e/chromium.mjs";
import { bankInWasm, bankMarkdown, criticalPath, findBankData, firstVisitPaths, firstVisitTotals, shippedFiles, sum } from "./sizes.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const option = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : fallback;
};
const source = resolve(root, option("dist", "dist"));
// Measured from a snapshot: another build writing dist/ during the run (Trunk swaps it in) cannot mix two builds.
const dist = mkdtempSync(join(tmpdir(), "dd-bench-dist-"));
const QUICK = flag("quick");
const LIGHTHOUSE = !flag("no-lighthouse");
const RUNS = Number(option("runs", QUICK ? 3 : 7));
const ENCODING = option("encoding", "br");
const OUT = resolve(root, option("out", "target/bench.json"));
const SECTIONS = ["startup", "interactions", "search-call", "axe", "lighthouse"];
const ONLY = new Set(option("only", SECTIONS.join(",")).split(","));
const REPS = QUICK ? 30 : 200; // per interaction, after warm-up
const WARMUP = 5;
// The search call: each query runs CALL_WARMUP times, then is timed CALL_RUNS times (as the native bench does).
const CALL_RUNS = QUICK ? 15 : 50;
const CALL_WARMUP = QUICK ? 1 : 3;
// The queries, hit limit and notes the native search bench (tests/bench/search.rs) uses too.
const SEARCH_QUERIES = JSON.parse(readFileSync(join(here, "search-queries.json"), "utf8"));

// Lighthouse's mobile throttling, applied in DevTools form (its "devtools" throttling method values).
const SLOW_4G = { offline: false, latency: 150 * 3.75, downloadThroughput: (1.6 * 1024 * 1024 * 0.9) / 8, uploadThroughput: (750 * 1024 * 0.9) / 8 };

const AXE_ROUTES = ["/", "/browse", "/browse?topic=drf", "/q/what-is-django", "/q/middleware-concept", "/study", "/mock", "/search?q=queryset", "/stats", "/settings", "/no/such/page"];
// Lighthouse's forms: mobile and desktop presets (simulated throttling), and mobile with the throttling applied.
const FORMS = ["mobile", "desktop", "mobile-applied"];
const LIGHTHOUSE_PAGES = [
  ["home", "/"],
  ["question", "/q/what-is-django"],
  ["study", "/study?topics=fundamentals"],
];

// ---- small helpers ------------------------------------------------------------------------------------------

const kb = (n) => (n == null ? "—" : n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(2)} MiB` : `${(n / 1024).toFixed(1)} KiB`);
const ms = (n) => (n == null ? "n/a" : `${n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : Math.round(n)} ms`);
const ms3 = (n) => (n == null ? "n/a" : `${n.toFixed(3)} ms`);
const pct = (x) => `${(x * 100).toFixed(1)}%`;
const say = (s = "") => process.stdout.write(`${s}\n`);
const heading = (s) => say(`\n\x1b[1m${s}\x1b[0m`);
const progress = (s) => process.stderr.write(`\x1b[2m[bench] ${s}\x1b[0m\n`);

function quantile(values, q) {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  return sorted[lo] + (sorted[Math.min(lo + 1, sorted.length - 1)] - sorted[lo]) * (pos - lo);
}
const stats = (values) => ({
  n: values.length,
  p50: quantile(values, 0.5),
  p95: quantile(values, 0.95),
  max: values.length ? Math.max(...values) : null,
});
const medianWorst = (values) => ({ median: quantile(values, 0.5), worst: values.length ? Math.max(...values) : null, runs: values });

function table(rows, align = []) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  rows.forEach((r, i) => {
    say("  " + r.map((cell, c) => (align[c] === "l" ? String(cell).padEnd(widths[c]) : String(cell).padStart(widths[c]))).join("  "));
    if (i === 0) say("  " + widths.map((w) => "─".repeat(w)).join("  "));
  });
}

// ---- 1. sizes -------------------------------------------------------------------------------------------------

function measureSizes() {
  progress("compressing every shipped file (gzip -9, brotli q11)");
  const files = shippedFiles(dist);
  const visit = firstVisitPaths(dist);
  for (const f of files) f.firstVisit = visit.filter((p) => p === f.path).length;
  const wasmFile = files.find((f) => f.path.endsWith("_bg.wasm"));
  const totals = {
    all: { files: files.length, raw: sum(files, "raw"), gzip: sum(files, "gzip"), brotli: sum(files, "brotli") },
    firstVisit: firstVisitTotals(files, visit),
  };
  // The question pages prerendered at build time (q/<id>.html): what a deep link's first request gets instead of
  // index.html. Not precached.
  const pages = files.filter((f) => f.path.startsWith("q/"));
  const largest = pages.reduce((a, f) => (!a || f.brotli > a.brotli ? f : a), null);
  totals.prerendered = { files: pages.length, raw: sum(pages, "raw"), gzip: sum(pages, "gzip"), brotli: sum(pages, "brotli"), largest };

  progress("locating the bank inside the wasm");
  const markdown = bankMarkdown(root);
  const bankData = findBankData(root);
  let inWasm = null;
  if (bankData) {
    inWasm = bankInWasm(readFileSync(join(dist, wasmFile.path)), readFileSync(bankData, "utf8"), { gzip: wasmFile.gzip, brotli: wasmFile.brotli });
  }
  // The model answers: one file per topic, fetched after the first screen (and precached).
  const answerFiles = files.filter((f) => /^answers-.+\.txt$/.test(f.path));
  const answers = { files: answerFiles.length, raw: sum(answerFiles, "raw"), gzip: sum(answerFiles, "gzip"), brotli: sum(answerFiles, "brotli") };
  // What the first screen waits for: the page, its styles and scripts, the wasm (no answers, icons or worker).
  totals.criticalPath = criticalPath(files);
  const floor = {};
  const ratio = {};
  const framework = {};
  if (inWasm) {
    for (const enc of ["gzip", "brotli"]) {
      // Everything a first visit downloads except the bank (its questions in the wasm, its answers files) = the
      // framework (code, styles, icons, glue).
      framework[enc] = totals.firstVisit[enc] - inWasm[`${enc}InBuild`] - answers[enc];
      floor[enc] = framework[enc] + markdown[enc];
      ratio[enc] = totals.firstVisit[enc] / floor[enc];
    }
  }
  return { files, totals, wasm: wasmFile, bank: { markdown, bankData: bankData && bankData.slice(root.length + 1), inWasm, answers, framework, floor, ratio } };
}

function reportSizes(s) {
  heading(`Shipped files (dist/), ${s.totals.all.files} files`);
  const rows = [["file", "raw", "gzip", "brotli", "first visit"]];
  for (const f of s.files.filter((f) => !f.path.startsWith("q/")))
    rows.push([f.path, kb(f.raw), kb(f.gzip), kb(f.brotli), f.firstVisit > 1 ? `×${f.firstVisit}` : f.firstVisit ? "yes" : ""]);
  const p = s.totals.prerendered;
  if (p.files) rows.push([`q/*.html (${p.files} prerendered question pages)`, kb(p.raw), kb(p.gzip), kb(p.brotli), ""]);
  if (p.largest) rows.push([`  largest: ${p.largest.path}`, kb(p.largest.raw), kb(p.largest.gzip), kb(p.largest.brotli), ""]);
  rows.push(["all files", kb(s.totals.all.raw), kb(s.totals.all.gzip), kb(s.totals.all.brotli), ""]);
  rows.push([`first visit (${s.totals.firstVisit.fetches} fetches)`, kb(s.totals.firstVisit.raw), kb(s.totals.firstVisit.gzip), kb(s.totals.firstVisit.brotli), ""]);
  rows.push([`critical path (${s.totals.criticalPath.files} files)`, kb(s.totals.criticalPath.raw), kb(s.totals.criticalPath.gzip), kb(s.totals.criticalPath.brotli), ""]);
  table(rows, ["l"]);
  say("  First visit = the page, what it loads, and the service worker's precache (every file but screenshots/ and 404.html;");
  say("  the precache fetches the HTML twice, as ./ and index.html). Critical path = what the first screen waits for:");
  say("  index.html, styles, scripts and the wasm; the answers files come after it. A deep link to a question gets its");
  say("  prerendered q/<id>.html (question, key points and answer) instead of index.html, and the topic's answers file.");

  const b = s.bank;
  heading("The bank");
  say(`  Markdown source: ${b.markdown.files} files, ${kb(b.markdown.raw)} raw, ${kb(b.markdown.gzip)} gzip, ${kb(b.markdown.brotli)} brotli`);
  if (!b.inWasm) {
    say("  (bank_data.rs not found under target/: the bank's share of the wasm is not measured)");
    return;
  }
  const w = b.inWasm;
  say(`  Model answers: ${b.answers.files} files (one per topic, fetched after the first screen), ${kb(b.answers.raw)} raw, ${kb(b.answers.gzip)} gzip, ${kb(b.answers.brotli)} brotli`);
  say(`  Questions, variants and key points in the wasm: ${kb(w.raw)} of ${kb(s.wasm.raw)} (${pct(w.rawShare)} of the raw wasm; ${w.stringsFound}/${w.strings} strings located)`);
  say(`  Its cost inside the compressed wasm: ${kb(w.gzipInBuild)} gzip (${pct(w.gzipInBuild / s.wasm.gzip)}), ${kb(w.brotliInBuild)} brotli (${pct(w.brotliInBuild / s.wasm.brotli)})`);
  say(`  The same rendered HTML compressed alone: ${kb(w.gzipAlone)} gzip, ${kb(w.brotliAlone)} brotli`);
  say(`  The wasm without the bank (code + framework): ${kb(w.codeRaw)} raw, ${kb(w.codeGzip)} gzip, ${kb(w.codeBrotli)} brotli`);
  const floorRows = [["", "gzip", "brotli"]];
  floorRows.push(["first-visit total", kb(s.totals.firstVisit.gzip), kb(s.totals.firstVisit.brotli)]);
  floorRows.push(["framework (first visit − bank)", kb(b.framework.gzip), kb(b.framework.brotli)]);
  floorRows.push(["floor (framework + compressed Markdown)", kb(b.floor.gzip), kb(b.floor.brotli)]);
  floorRows.push(["total / floor (target ≤ 1.5)", `${b.ratio.gzip.toFixed(2)}×`, `${b.ratio.brotli.toFixed(2)}×`]);
  table(floorRows, ["l"]);
}

// ---- 2. the browser -------------------------------------------------------------------------------------------

// Start-up probe, installed before any page script: FCP, LCP, "rendered" (the app's header and the route's h1 are in
// the DOM) and "interactive" (a task posted at that moment has run: the main thread is free to take input).
const STARTUP_PROBE = `(() => {
  const s = (window.__ddStart = { lcp: null, rendered: null, interactive: null });
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) s.lcp = e.renderTime || e.startTime; })
      .observe({ type: "largest-contentful-paint", buffered: true });
  } catch (e) {}
  const check = () => {
    if (s.rendered !== null) return;
    if (document.querySelector(".dd-header") && document.querySelector("#main h1")) {
      s.rendered = performance.now();
      observer.disconnect();
      const channel = new MessageChannel();
      channel.port1.onmessage = () => { s.interactive = performance.now(); };
      channel.port2.postMessage(0);
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true });
})();`;

async function startupRun(browser, url, profile) {
  const context = await browser.newContext({
    serviceWorkers: "block", // every run is a cold first visit; the worker's precache is measured separately
    viewport: profile.mobile ? { width: 412, height: 823 } : { width: 1350, height: 940 },
    deviceScaleFactor: profile.mobile ? 1.75 : 1,
    isMobile: profile.mobile,
  });
  const page = await context.newPage();
  await page.addInitScript(STARTUP_PROBE);
  if (profile.throttle) {
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", SLOW_4G);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  }
  await page.goto(url, { waitUntil: "commit" });
  await page.waitForFunction(() => window.__ddStart && window.__ddStart.interactive !== null, null, { timeout: 120_000, polling: 50 });
  await page.waitForTimeout(profile.throttle ? 500 : 100); // let LCP settle
  const m = await page.evaluate(() => {
    const paint = performance.getEntriesByName("first-contentful-paint")[0];
    const wasm = performance.getEntriesByType("resource").find((r) => r.name.endsWith(".wasm"));
    const nav = performance.getEntriesByType("navigation")[0];
    return {
      fcp: paint ? paint.startTime : null,
      lcp: window.__ddStart.lcp,
      rendered: window.__ddStart.rendered,
      interactive: window.__ddStart.interactive,
      wasmLoaded: wasm ? wasm.responseEnd : null,
      html: nav ? nav.responseEnd : null,
    };
  });
  await context.close();
  return m;
}

async function measureStartup(browser, base) {
  const profiles = [
    { name: "local", title: "local, no throttling, desktop viewport", mobile: false, throttle: false, runs: RUNS, pages: ["/", "/q/what-is-django"] },
    { name: "mobile", title: "slow 4G (562 ms RTT, 1.47 Mbit/s) + 4× CPU, phone viewport", mobile: true, throttle: true, runs: Math.max(3, Math.ceil(RUNS / 2)), pages: ["/"] },
  ];
  const out = {};
  for (const p of profiles) {
    out[p.name] = { title: p.title, pages: {} };
    for (const path of p.pages) {
      progress(`start-up ${p.name} ${path}: ${p.runs} runs`);
      const runs = [];
      for (let i = 0; i < p.runs; i++) runs.push(await startupRun(browser, base + path.slice(1), p));
      const pick = (k) => medianWorst(runs.map((r) => r[k]).filter((v) => v !== null));
      out[p.name].pages[path] = { fcp: pick("fcp"), lcp: pick("lcp"), wasmLoaded: pick("wasmLoaded"), rendered: pick("rendered"), interactive: pick("interactive") };
    }
  }
  return out;
}

function reportStartup(s) {
  heading("Start-up (navigation start → …, cold cache, median / worst)");
  const rows = [["profile", "page", "FCP", "LCP", "wasm loaded", "app rendered", "app interactive"]];
  for (const [name, p] of Object.entries(s)) {
    for (const [path, m] of Object.entries(p.pages)) {
      const f = (x) => `${ms(x.median)} / ${ms(x.worst)}`;
      rows.push([name, path, f(m.fcp), f(m.lcp), f(m.wasmLoaded), f(m.rendered), f(m.interactive)]);
    }
  }
  table(rows, ["l", "l"]);
  for (const [name, p] of Object.entries(s)) say(`  ${name}: ${p.title}`);
  say("  app rendered = the app's header and the route's <h1> are in the DOM; interactive = a task posted then has run.");
}

// In-page timing: performance.now() before the action, and after the DOM reflects it (a MutationObserver sees the
// expected state, then a posted task runs: no update is left pending) and style and layout are done (a forced
// layout). Paint is not included.
const HARNESS = `(() => {
  window.__ddMeasure = (action, done, timeout = 3000) => new Promise((resolve) => {
    let t0 = 0, finished = false, records = 0;
    const finish = (ok) => {
      if (finished) return;
      finished = true;
      observer.disconnect();
      clearTimeout(timer);
      if (!ok) return resolve(null);
      // A task posted now runs once every microtask the action queued (Leptos' effects) is done.
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        const dom = performance.now() - t0;
        document.body.getBoundingClientRect(); // style + layout
        resolve([performance.now() - t0, dom]);
      };
      channel.port2.postMessage(0);
    };
    const observer = new MutationObserver((list) => { records += list.length; if (done(records)) finish(true); });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    const timer = setTimeout(() => finish(false), timeout);
    t0 = performance.now();
    action();
    if (done(records)) finish(true);
  });
  window.__ddSettle = () => new Promise((r) => setTimeout(r, 0));
  window.__ddWaitFor = (cond, timeout = 5000) => new Promise((resolve, reject) => {
    if (cond()) return resolve();
    const observer = new MutationObserver(() => { if (cond()) { observer.disconnect(); clearTimeout(t); resolve(); } });
    observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    const t = setTimeout(() => { observer.disconnect(); cond() ? resolve() : reject(new Error("timed out")); }, timeout);
  });
})();`;

async function appPage(browser, base, path) {
  const context = await browser.newContext({ viewport: { width: 1350, height: 940 }, serviceWorkers: "block" });
  const page = await context.newPage();
  await page.addInitScript(HARNESS);
  await page.goto(base + path.replace(/^\//, ""));
  await page.locator(".dd-header").waitFor();
  await page.locator("#main h1").first().waitFor({ state: "attached" });
  return { context, page };
}

async function measureStudy(browser, base) {
  const { context, page } = await appPage(browser, base, "/study?topics=fundamentals");
  const reveal = [];
  const grade = [];
  let sessions = 0;
  while (grade.length < REPS + WARMUP && sessions < 50) {
    sessions++;
    await page.locator(".dd-reveal").waitFor({ timeout: 10_000 });
    const got = await page.evaluate(async (want) => {
      const reveal = [];
      const grade = [];
      const space = () => document.body.dispatchEvent(new KeyboardEvent("keydown", { key: " ", code: "Space", bubbles: true, cancelable: true }));
      while (grade.length < want && document.querySelector(".dd-reveal")) {
        reveal.push(await window.__ddMeasure(space, () => !!document.querySelector(".dd-card__answer") && !!document.querySelector(".dd-grade--good")));
        await window.__ddSettle();
        const good = document.querySelector(".dd-grade--good");
        if (!good) break;
        grade.push(await window.__ddMeasure(() => good.click(), () => !document.querySelector(".dd-card__answer")));
        await window.__ddSettle();
      }
      return { reveal, grade };
    }, REPS + WARMUP - grade.length);
    reveal.push(...got.reveal);
    grade.push(...got.grade);
    // The session is over (every card graded): start afresh.
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await page.locator(".dd-header").waitFor();
  }
  await context.close();
  return { reveal, grade };
}

async function measureBrowse(browser, base) {
  const { context, page } = await appPage(browser, base, "/browse");
  await page.locator(".dd-qrow").first().waitFor();
  const filter = await page.evaluate(async (want) => {
    const label = [...document.querySelectorAll("label")].find((l) => l.textContent.trim().startsWith("Level"));
    const select = label && label.querySelector("select");
    if (!select) return null;
    const values = [...select.options].map((o) => o.value).filter(Boolean).flatMap((v) => [v, ""]);
    const out = [];
    for (let i = 0; i < want; i++) {
      const value = values[i % values.length];
      const before = document.querySelector(".dd-count").textContent;
      out.push(
        await window.__ddMeasure(
          () => {
            select.value = value;
            select.dispatchEvent(new Event("change", { bubbles: true }));
          },
          () => {
            const text = document.querySelector(".dd-count").textContent;
            return text !== before && document.querySelectorAll(".dd-qrow:not([hidden])").length === parseInt(text, 10);
          },
        ),
      );
      await window.__ddSettle();
    }
    return out;
  }, REPS + WARMUP);

  const open = [];
  const want = Math.round((REPS + WARMUP) / 2);
  while (open.length < want) {
    const got = await page.evaluate(async (n) => {
      const out = [];
      for (let i = 0; i < n; i++) {
        await window.__ddWaitFor(() => document.querySelectorAll(".dd-qrow:not([hidden]) .dd-qrow__link").length > 0);
        const links = document.querySelectorAll(".dd-qrow:not([hidden]) .dd-qrow__link");
        const link = links[(i * 37) % links.length];
        out.push(await window.__ddMeasure(() => link.click(), () => !document.querySelector(".dd-qrow") && !!document.querySelector(".dd-question__title")));
        await window.__ddSettle();
        history.back();
        await window.__ddWaitFor(() => document.querySelectorAll(".dd-qrow__link").length > 0);
        await window.__ddSettle();
      }
      return out;
    }, Math.min(20, want - open.length));
    open.push(...got);
  }
  await context.close();
  return { filter, open };
}

async function measureSearch(browser, base) {
  const { context, page } = await appPage(browser, base, "/");
  if (!(await page.locator("input[type=search]").count())) {
    await context.close();
    return null;
  }
  const words = ["queryset", "select_related", "middleware", "csrf token", "serializer", "signals", "celery", "migrations", "n+1 query", "cache"];
  const out = await page
    .evaluate(
      async ({ want, words }) => {
        const input = document.querySelector("header input[type=search]") || document.querySelector("input[type=search]");
        const heading = () => document.querySelector("#main h1")?.textContent.trim();
        const type = (value, data) => {
          input.value = value;
          input.dispatchEvent(new InputEvent("input", { bubbles: true, data, inputType: data ? "insertText" : "deleteContentBackward" }));
        };
        // Results, or "No questions match": the keystroke's search has run and its view is drawn (not "Preparing
        // search…", which shows while the index waits for the answers files and would time nothing).
        const answered = () => !!document.querySelector(".dd-results__list") || document.querySelector(".dd-results .dd-count")?.textContent.trim() === "No questions match.";
        // Start once search answers: the index is built (the first keystroke would otherwise finish it).
        input.focus();
        const t0 = performance.now();
        type("queryset", "t");
        await window.__ddWaitFor(() => !!document.querySelector(".dd-results__link"), 30000);
        const first = performance.now() - t0;
        type("", null);
        await window.__ddWaitFor(() => heading() === "Search");
        await window.__ddSettle();
        const out = [];
        for (let w = 0; out.length < want; w++) {
          input.focus();
          const word = words[w % words.length];
          for (let i = 1; i <= word.length && out.length < want; i++) {
            const value = word.slice(0, i);
            // Done when the results page shows this query (it searches as you type: no debounce to wait for).
            out.push(await window.__ddMeasure(() => type(value, word[i - 1]), () => heading() === `Results for “${value}”` && answered(), 5000));
            await window.__ddSettle();
          }
          type("", null);
          await window.__ddWaitFor(() => heading() === "Search");
          await window.__ddSettle();
        }
        return { out, first };
      },
      { want: REPS + WARMUP, words },
    )
    .catch((e) => ({ error: String(e) }));
  await context.close();
  return { path: "/ then /search", samples: out.error ? out : out.out, first: out.first };
}

async function measureInteractions(browser, base) {
  progress(`interactions: ${REPS} repetitions each (+${WARMUP} warm-up)`);
  const { reveal, grade } = await measureStudy(browser, base);
  const { filter, open } = await measureBrowse(browser, base);
  const search = await measureSearch(browser, base);
  // Each sample is [total, DOM part] (total = DOM updated + style and layout), or null for a timeout.
  const summarise = (samples) => {
    if (!samples || !Array.isArray(samples)) return null;
    const kept = samples.slice(WARMUP);
    const ok = kept.filter((v) => v !== null);
    const dom = stats(ok.map((v) => v[1]));
    return { ...stats(ok.map((v) => v[0])), domP50: dom.p50, domP95: dom.p95, timeouts: kept.length - ok.length };
  };
  return {
    reveal: summarise(reveal),
    grade: summarise(grade),
    openQuestion: summarise(open),
    filterChange: summarise(filter),
    searchKeystroke:
      search && Array.isArray(search.samples)
        ? { ...summarise(search.samples), first: search.first }
        : search
          ? { error: search.samples.error }
          : "n/a",
  };
}

function reportInteractions(i) {
  heading("Interaction latency (in the page: performance.now() → DOM updated + layout; target p95 ≤ 16 ms)");
  const rows = [["interaction", "n", "p50", "p95", "max", "of which DOM p50 / p95", "p95 ≤ 16 ms"]];
  const names = { reveal: "reveal (Space)", grade: "grade (Good)", openQuestion: "open question (browse list)", filterChange: "filter change (Level)", searchKeystroke: "search keystroke" };
  for (const [k, label] of Object.entries(names)) {
    const v = i[k];
    if (!v || typeof v === "string" || v.error || !v.n) rows.push([label, "—", "n/a", "n/a", "n/a", "", v && v.error ? "error" : "n/a (no search box yet)"]);
    else rows.push([label, v.n, ms(v.p50), ms(v.p95), ms(v.max), `${ms(v.domP50)} / ${ms(v.domP95)}`, v.p95 <= 16 ? "yes" : "NO"]);
  }
  table(rows, ["l"]);
  say("  DOM = until the expected change is in the DOM (the app's work); the rest is the browser's style and layout.");
  if (i.searchKeystroke && i.searchKeystroke.first != null)
    say(`  Before them, a first search (opens /search; waits for the answers files and the index if they are not in yet) took ${ms(i.searchKeystroke.first)}.`);
}

// ---- the search call ----------------------------------------------------------------------------------------

// The search page's search itself, without rendering: window.wasmBindings (Trunk's handle on the wasm-bindgen
// exports) .dd_search_count (src/ui/bench.rs) runs it and returns the hit count, or undefined until the app has
// built the index. The page is served cross-origin isolated (COOP + COEP on the document only), which gives
// performance.now() 5 µs resolution instead of 100 µs; the app itself never asks for that.
async function measureSearchCall(browser, base) {
  const { sets, limit, notes, suggestSet } = SEARCH_QUERIES;
  const context = await browser.newContext({ viewport: { width: 1350, height: 940 }, serviceWorkers: "block" });
  await context.route("**/*", async (route) => {
    if (!route.request().isNavigationRequest()) return route.continue();
    const response = await route.fetch();
    const headers = { ...response.headers(), "cross-origin-opener-policy": "same-origin", "cross-origin-embedder-policy": "require-corp" };
    // The fetched body is already decoded.
    delete headers["content-encoding"];
    delete headers["content-length"];
    await route.fulfill({ response, headers });
  });
  const page = await context.newPage();
  // The benchmark's notes, stored as the app stores progress, before the app loads it.
  const stored = JSON.stringify({
    app: "djdrill",
    version: 2,
    data: { notes: Object.fromEntries(Object.entries(notes).map(([id, value]) => [id, { value, at: 1_700_000_000_000 }])) },
  });
  await page.addInitScript((stored) => localStorage.getItem("djdrill.progress") || localStorage.setItem("djdrill.progress", stored), stored);
  await page.goto(base + "search");
  await page.locator(".dd-header").waitFor();
  const waited = Date.now();
  const ready = await page
    .waitForFunction(() => window.wasmBindings && window.wasmBindings.dd_search_count("", 1) !== undefined, null, { timeout: 60_000, polling: 50 })
    .then(() => true)
    .catch(() => false);
  if (!ready) {
    const why = await page.evaluate(() => (window.wasmBindings ? "the index was not built within 60 s" : "window.wasmBindings is missing"));
    await context.close();
    return { error: why };
  }
  const env = await page.evaluate(() => ({
    crossOriginIsolated: self.crossOriginIsolated,
    unreadableProgress: Object.keys(localStorage).some((k) => k.startsWith("djdrill.progress.unreadable.")),
  }));
  // Times every call of every query of a set in one evaluate: no Playwright round trip is inside a measurement.
  const timeSet = (queries, call) =>
    page.evaluate(
      ({ queries, call, limit, warmup, runs }) => {
        const b = window.wasmBindings;
        const run = call === "search" ? (q) => b.dd_search_count(q, limit) : (q) => b.dd_suggest_count(q);
        return queries.map((query) => {
          let hits = null;
          for (let i = 0; i < warmup; i++) hits = run(query);
          const times = new Array(runs);
          for (let i = 0; i < runs; i++) {
            const t0 = performance.now();
            run(query);
            times[i] = performance.now() - t0;
          }
          return { query, hits, times };
        });
      },
      { queries, call, limit, warmup: CALL_WARMUP, runs: CALL_RUNS },
    );
  // As the native bench: p50 / p95 / max over the queries' median times; raw p95 / max over every single call.
  const summarise = (measured) => {
    const medians = measured.map((m) => quantile(m.times, 0.5));
    const all = measured.flatMap((m) => m.times);
    return {
      queries: measured.length,
      p50: quantile(medians, 0.5),
      p95: quantile(medians, 0.95),
      max: Math.max(...medians),
      rawP95: quantile(all, 0.95),
      rawMax: Math.max(...all),
      perQuery: measured.map((m) => ({ query: m.query, hits: m.hits, median: quantile(m.times, 0.5), max: Math.max(...m.times) })),
    };
  };
  const out = { limit, notes: Object.keys(notes).length, runs: CALL_RUNS, warmup: CALL_WARMUP, indexWaitMs: Date.now() - waited, ...env, sets: {} };
  const everything = [];
  for (const set of sets) {
    progress(`search call: ${set.name}, ${set.queries.length} queries × ${CALL_RUNS} runs`);
    const measured = await timeSet(set.queries, "search");
    out.sets[set.name] = summarise(measured);
    everything.push(...measured);
  }
  out.overall = summarise(everything);
  const suggestQueries = sets.find((s) => s.name === suggestSet)?.queries ?? [];
  out.suggest = suggestQueries.length ? summarise(await timeSet(suggestQueries, "suggest")) : null;
  await context.close();
  return out;
}

function reportSearchCall(c) {
  heading("Search call in the browser (performance.now() around the search itself, no rendering; target p95 < 2 ms)");
  if (c.error) {
    say(`  not measured: ${c.error}`);
    return;
  }
  const rows = [["set", "queries", "p50", "p95", "max", "raw p95", "raw max"]];
  const row = (name, v) => rows.push([name, v.queries, ms3(v.p50), ms3(v.p95), ms3(v.max), ms3(v.rawP95), ms3(v.rawMax)]);
  for (const [name, v] of Object.entries(c.sets)) row(name, v);
  row("overall", c.overall);
  if (c.suggest) row("suggest", c.suggest);
  table(rows, ["l"]);
  say(`  Each query: ${c.warmup} warm-up call(s), then ${c.runs} timed; p50 / p95 / max are over the queries' median times, raw`);
  say(`  over every call. Hit limit ${c.limit}, ${c.notes} notes; the same queries as \`cargo bench --bench search\` (search-queries.json).`);
  say(
    `  Timer: ${c.crossOriginIsolated ? "cross-origin isolated, 5 µs resolution" : "NOT cross-origin isolated: performance.now() is coarsened to 100 µs"}.` +
      (c.unreadableProgress ? " The stored notes were NOT readable: the app set them aside." : ""),
  );
}

async function measureAxe(browser, base) {
  progress("axe on every route: desktop and phone, light and dark");
  const out = {};
  const context = await browser.newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  const check = async (name) => {
    for (const [width, viewport] of [["desktop", { width: 1280, height: 800 }], ["phone", { width: 390, height: 844 }]]) {
      await page.setViewportSize(viewport);
      for (const scheme of ["light", "dark"]) {
        await page.emulateMedia({ colorScheme: scheme });
        const r = await new AxeBuilder({ page })
          .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
          .setLegacyMode(true)
          .options({ resultTypes: ["violations"] })
          .analyze();
        out[`${name} (${width}, ${scheme})`] = r.violations.map((v) => `${v.id} ×${v.nodes.length}`);
      }
    }
  };
  for (const path of AXE_ROUTES) {
    await page.goto(base + path.slice(1));
    await page.locator(".dd-header").waitFor();
    await page.locator("#main h1").first().waitFor({ state: "attached" });
    await check(path);
  }
  await page.goto(base + "study?topics=fundamentals");
  await page.locator(".dd-reveal").waitFor();
  await page.locator("body").press("Space");
  await page.locator(".dd-card__answer").waitFor();
  await check("/study (revealed)");
  await context.close();
  return out;
}

function reportAxe(a) {
  heading("axe violations per page (WCAG 2.1 A/AA + best practices; target 0)");
  const pages = [...new Set(Object.keys(a).map((k) => k.replace(/ \([^()]*\)$/, "")))];
  const combos = ["desktop, light", "desktop, dark", "phone, light", "phone, dark"];
  const rows = [["page", ...combos]];
  for (const p of pages) rows.push([p, ...combos.map((c) => { const v = a[`${p} (${c})`] || []; return v.length ? `${v.length}: ${v.join(", ")}` : "0"; })]);
  table(rows, ["l"]);
}

// ---- 3. Lighthouse ------------------------------------------------------------------------------------------

function lighthouseBin() {
  const bin = join(here, "node_modules/.bin/lighthouse");
  return existsSync(bin) ? bin : null;
}

function runLighthouse(url, formFactor) {
  const dir = mkdtempSync(join(tmpdir(), "dd-lh-"));
  const report = join(dir, "report.json");
  const args = [
    url,
    "--output=json",
    `--output-path=${report}`,
    "--quiet",
    "--only-categories=performance,accessibility,best-practices,seo",
    "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage",
    "--max-wait-for-load=60000",
  ];
  if (formFactor === "desktop") args.push("--preset=desktop");
  // The same mobile settings applied to the browser (DevTools throttling) instead of simulated from a fast run.
  if (formFactor === "mobile-applied") args.push("--throttling-method=devtools");
  return new Promise((ok, fail) => {
    const child = spawn(lighthouseBin(), args, { env: { ...process.env, CHROME_PATH: CHROMIUM }, stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    child.stderr.on("data", (d) => (err += d));
    child.on("close", (code) => {
      try {
        if (code !== 0) throw new Error(`lighthouse exited ${code}: ${err.slice(-500)}`);
        const r = JSON.parse(readFileSync(report, "utf8"));
        const score = (c) => (r.categories[c] && r.categories[c].score !== null ? Math.round(r.categories[c].score * 100) : null);
        const audit = (id) => (r.audits[id] ? r.audits[id].numericValue : null);
        const lcpItem = r.audits["largest-contentful-paint-element"]?.details?.items?.[0]?.items?.[0]?.node;
        ok({
          performance: score("performance"),
          accessibility: score("accessibility"),
          bestPractices: score("best-practices"),
          seo: score("seo"),
          fcp: audit("first-contentful-paint"),
          lcp: audit("largest-contentful-paint"),
          tbt: audit("total-blocking-time"),
          cls: audit("cumulative-layout-shift"),
          speedIndex: audit("speed-index"),
          // An element no longer in the page when Lighthouse looks (the shell's, once the app has replaced it) has only its snippet.
          lcpElement: lcpItem ? lcpItem.selector || lcpItem.nodeLabel || lcpItem.snippet || null : null,
          failedA11y: Object.values(r.audits)
            .filter((a) => r.categories.accessibility.auditRefs.some((ref) => ref.id === a.id) && a.score === 0)
            .map((a) => a.id),
          runtimeError: r.runtimeError ? r.runtimeError.message : null,
        });
      } catch (e) {
        fail(e);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}

async function measureLighthouse(base) {
  if (!lighthouseBin()) return { skipped: "lighthouse is not installed in tests/bench (run .ci/bench)" };
  const lhRuns = Number(process.env.LH_RUNS || 1);
  const out = { runsPerPage: lhRuns };
  for (const formFactor of FORMS) {
    out[formFactor] = {};
    for (const [name, path] of LIGHTHOUSE_PAGES) {
      progress(`lighthouse ${formFactor} ${path}`);
      const runs = [];
      for (let i = 0; i < lhRuns; i++) {
        try {
          runs.push(await runLighthouse(base + path.slice(1), formFactor));
        } catch (e) {
          runs.push({ error: String(e.message || e) });
        }
      }
      const good = runs.filter((r) => !r.error).sort((a, b) => a.performance - b.performance);
      // The median run by performance score.
      out[formFactor][name] = good.length ? { path, ...good[Math.floor((good.length - 1) / 2)] } : { path, error: runs[0].error };
    }
  }
  return out;
}

function reportLighthouse(l) {
  heading("Lighthouse 12 (system Chromium; targets: mobile performance ≥ 95, accessibility 100)");
  if (l.skipped) {
    say(`  skipped: ${l.skipped}`);
    return;
  }
  const rows = [["form", "page", "perf", "a11y", "best pr.", "SEO", "FCP", "SI", "LCP", "TBT", "CLS", "LCP element"]];
  for (const formFactor of FORMS) {
    for (const [name, r] of Object.entries(l[formFactor] ?? {})) {
      if (r.error) rows.push([formFactor, r.path, "error", "", "", "", "", "", "", "", "", r.error.slice(0, 60)]);
      else
        rows.push([formFactor, r.path, r.performance, r.accessibility, r.bestPractices, r.seo, ms(r.fcp), ms(r.speedIndex), ms(r.lcp), ms(r.tbt), r.cls.toFixed(3), (r.lcpElement || "").slice(0, 40)]);
    }
  }
  table(rows, ["l", "l", "r", "r", "r", "r", "r", "r", "r", "r", "r", "l"]);
  say(`  ${l.runsPerPage} run(s) per page (LH_RUNS=n for the median of n). mobile and desktop: simulated throttling`);
  say("  (Lighthouse's default), estimated from an unthrottled load: its LCP estimate counts every request that finished");
  say("  before the LCP paint of that fast load, which is why the wasm is requested only once the shell's first frame is");
  say("  drawn (else, served locally, it finishes before that paint and lands in the estimate of a page whose LCP is the");
  say("  shell's own text). The study page's card needs the app, so its estimate includes the wasm. mobile-applied: the");
  say("  same mobile settings applied to the browser (DevTools throttling), so LCP is the paint it saw. TBT scales the");
  say("  observed main-thread tasks: a busy machine");
  say("  inflates it.");
}

// ---- main ---------------------------------------------------------------------------------------------------

function targets(r) {
  const t = {};
  if (r.lighthouse && r.lighthouse.mobile) {
    const pages = Object.values(r.lighthouse.mobile);
    t.lighthouseMobilePerformance95 = pages.every((p) => p.performance >= 95);
    if (r.lighthouse["mobile-applied"]) t.lighthouseMobileAppliedPerformance95 = Object.values(r.lighthouse["mobile-applied"]).every((p) => p.performance >= 95);
    t.lighthouseAccessibility100 = FORMS.flatMap((f) => Object.values(r.lighthouse[f] ?? {})).every((p) => p.accessibility === 100);
  }
  if (!r.interactions.skipped) {
    const measured = Object.values(r.interactions).filter((v) => v && typeof v === "object" && v.n);
    t.interactionsP95Within16ms = measured.every((v) => v.p95 <= 16);
  }
  if (r.searchCall && r.searchCall.overall) t.searchCallP95Within2ms = r.searchCall.overall.p95 < 2;
  if (r.bank.ratio.brotli) t.firstVisitWithin1_5xFloor = r.bank.ratio.brotli <= 1.5 && r.bank.ratio.gzip <= 1.5;
  if (!r.axe.skipped) t.axeZero = Object.values(r.axe).every((v) => v.length === 0);
  return t;
}

async function firstVisit(browser, server, sizes) {
  // A real first visit, service worker included: every download the browser made.
  progress("first visit with the service worker");
  const context = await browser.newContext();
  const page = await context.newPage();
  server.clearLog();
  await page.goto(server.url);
  await page.locator(".dd-header").waitFor();
  await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    while (!reg.active || reg.active.state !== "activated") await new Promise((r) => setTimeout(r, 50));
  });
  await page.waitForTimeout(300);
  await context.close();
  const downloads = server.log.filter((e) => e.status === 200);
  return {
    encoding: ENCODING,
    requests: server.log.length,
    downloads: downloads.length,
    bytes: downloads.reduce((n, e) => n + e.bytes, 0),
    expected: sizes.totals.firstVisit[ENCODING === "br" ? "brotli" : "gzip"],
    log: server.log.map((e) => `${e.status} ${e.path} ${e.bytes}`),
  };
}

async function main() {
  if (!existsSync(join(source, "index.html"))) throw new Error(`${source} has no index.html: run \`trunk build --release --offline\` (or .ci/bench)`);
  cpSync(source, dist, { recursive: true, filter: (path) => !path.slice(source.length).split("/").some((part) => part.startsWith(".")) });
  process.on("exit", () => rmSync(dist, { recursive: true, force: true }));
  const started = Date.now();
  const loadBefore = loadavg()[0];
  const sizes = measureSizes();

  const server = await host({ root: dist, encoding: ENCODING });
  await server.warm(sizes.files.map((f) => f.path));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const version = browser.version();
  const observedFirstVisit = await firstVisit(browser, server, sizes);
  const skipped = (what) => ({ skipped: `--only ${[...ONLY].join(",")}`, what });
  const startup = ONLY.has("startup") ? await measureStartup(browser, server.url) : skipped("startup");
  const interactions = ONLY.has("interactions") ? await measureInteractions(browser, server.url) : skipped("interactions");
  const searchCall = ONLY.has("search-call") ? await measureSearchCall(browser, server.url) : skipped("search-call");
  const axe = ONLY.has("axe") ? await measureAxe(browser, server.url) : skipped("axe");
  await browser.close();
  const lighthouse = !ONLY.has("lighthouse") ? skipped("lighthouse") : LIGHTHOUSE ? await measureLighthouse(server.url) : { skipped: "--no-lighthouse" };
  await server.close();

  const result = {
    generatedAt: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version, chromium: version, loadAverage: { atStart: loadBefore, atEnd: loadavg()[0] } },
    options: { quick: QUICK, runs: RUNS, repetitions: REPS, searchCallRuns: CALL_RUNS, encoding: ENCODING, dist: relative(root, source) },
    sizes: { files: sizes.files, totals: sizes.totals, wasm: sizes.wasm, observedFirstVisit },
    bank: sizes.bank,
    startup,
    interactions,
    searchCall,
    lighthouse,
    axe,
  };
  result.targets = targets(result);

  reportSizes(sizes);
  const o = observedFirstVisit;
  say(
    `  Observed in Chromium, served with ${ENCODING}: ${o.downloads} downloads, ${kb(o.bytes)} (expected ${kb(o.expected)}), ${o.requests} requests` +
      ` in all (the rest are 304 revalidations).`,
  );
  if (!startup.skipped) reportStartup(startup);
  if (!interactions.skipped) reportInteractions(interactions);
  if (!searchCall.skipped) reportSearchCall(searchCall);
  if (!lighthouse.what) reportLighthouse(lighthouse);
  if (!axe.skipped) reportAxe(axe);
  heading("Targets");
  for (const [k, v] of Object.entries(result.targets)) say(`  ${v ? "✓" : "✗"} ${k}`);

  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, JSON.stringify(result, null, 2) + "\n");
  say(
    `\nWrote ${relative(root, OUT)} in ${((Date.now() - started) / 1000).toFixed(0)} s (${version}, ${cpus().length} CPUs, ` +
      `load average ${loadBefore.toFixed(1)} at start, ${loadavg()[0].toFixed(1)} at end: times on a busy machine run high).`,
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
