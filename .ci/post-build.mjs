// Trunk post_build hook: works on the staging folder before it becomes dist/.
// 0. The answers files (build.rs writes them beside bank_data.rs; the wasm names them) are copied in.
// 1. sw.js gets the build's version and the precache list of every shipped file (hashed names, never hand-kept).
// 2. Release builds get a strict Content-Security-Policy <meta>, with the sha256 of each inline script.
// 3. 404.html (a copy of index.html) lets static hosts without rewrites (GitHub Pages) open deep links.
// 4. The stylesheets are inlined into the page (no stylesheet request before the first paint), allowed by hash in the CSP.
// 5. The wasm is fetched once the first frame is drawn (an inline script at the end of the body), not preloaded.
// 6. Every question page is prerendered as q/<id>.html (.ci/prerender.mjs); not precached.
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { prerenderQuestions } from "./prerender.mjs";

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) throw new Error("TRUNK_STAGING_DIR is not set: run this from Trunk's post_build hook");
const release = process.env.TRUNK_PROFILE === "release";

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

// The wasm holds each answers file's name (content-hashed); the file is in some build's OUT_DIR under the
// wasm target folder. A name that cannot be found fails the build: the app would load without answers.
const wasm = files(staging).find((p) => p.endsWith("_bg.wasm"));
if (!wasm) throw new Error("post-build: no wasm in the staging folder");
const names = [...new Set(readFileSync(wasm).toString("latin1").match(/answers-[a-z0-9-]+-[0-9a-f]{16}\.txt/g) ?? [])];
if (names.length === 0) throw new Error("post-build: the wasm names no answers file");
const targetDir = resolve(process.env.TRUNK_SOURCE_DIR ?? ".", process.env.CARGO_TARGET_DIR ?? "target");
const outDirs = ["release", "debug"].flatMap((profile) => {
  const build = join(targetDir, "wasm32-unknown-unknown", profile, "build");
  return existsSync(build)
    ? readdirSync(build).filter((d) => d.startsWith("django-drill-")).map((d) => join(build, d, "out"))
    : [];
});
for (const name of names) {
  const from = outDirs.map((d) => join(d, name)).find((p) => existsSync(p));
  if (!from) throw new Error(`post-build: ${name} is not in any build output under ${targetDir}`);
  copyFileSync(from, join(staging, name));
}

const indexPath = join(staging, "index.html");
let html = readFileSync(indexPath, "utf8");

// The shell's copy of the home page's lead paragraph, with the bank's counts (keep the wording in step with
// src/ui/pages/home_page.rs): on the home page the first paint is then the real text, not a skeleton.
// build.rs's prerender.json (every question, in bank order) gives the counts and the prerendered pages.
const outDir = outDirs.find((d) => existsSync(join(d, names[0])));
const questions = JSON.parse(readFileSync(join(outDir, "prerender.json"), "utf8"));
const wordings = questions.reduce((n, q) => n + 1 + q.variants.length, 0);
const answered = questions.filter((q) => q.answerFile).length;
const lead =
  `${questions.length} questions on Django, DRF and Python backend work, asked ${wordings} ways in real interview lists, ` +
  `${answered === questions.length ? "each with a model answer" : `${answered} with model answers so far`}. ` +
  "Study them as flashcards, offline, with your progress kept in this browser.";
if (!html.includes("{{home-lead}}")) throw new Error("post-build: index.html has no {{home-lead}} placeholder");
html = html.replace("{{home-lead}}", lead);

// The stylesheets, in their order, inlined into the page: the first paint waits for no stylesheet request (on a slow
// connection that is a round trip saved), and the page needs no second file to look right. The source stays split by
// concern (style/*.css); the CSP allows exactly this style element, by its hash.
const sheets = [...html.matchAll(/<link rel="stylesheet" href="\.\/([^"]+\.css)"[^>]*>\n?\s*/g)];
if (sheets.length === 0) throw new Error("post-build: index.html links no stylesheet");
const css = sheets.map(([, name]) => `/* ${name.replace(/-[0-9a-f]{16}\.css$/, ".css")} */\n${readFileSync(join(staging, name), "utf8")}`).join("\n");
if (css.includes("</style")) throw new Error("post-build: a stylesheet contains </style");
for (const [, name] of sheets) rmSync(join(staging, name));
html = html.replace(sheets[0][0], () => `<style>${css}</style>\n    `);
for (const [link] of sheets.slice(1)) html = html.replace(link, "");
const styleHash = `'sha256-${createHash("sha256").update(css).digest("base64")}'`;

// The wasm request starts from the end of the body once the shell's first frame is drawn, not from a <head>
// preload: the first paint never shares the connection with half a megabyte, and a lab audit that counts every
// request finished before the first paint (Lighthouse's simulated LCP) sees the page the user sees. It still
// starts before the glue script arrives (init() is handed the fetch). A hidden page (background tab,
// prerender) draws no frame, so it fetches at once.
const wasmPreload = html.match(/<link rel="preload" href="(\.\/[^"]+_bg\.wasm)"[^>]*>\n?\s*/);
if (!wasmPreload) throw new Error("post-build: index.html has no wasm preload link to replace");
const wasmUrl = wasmPreload[1];
html = html.replace(wasmPreload[0], "");
const initCall = `init({ module_or_path: '${wasmUrl}' })`;
if (!html.includes(initCall)) throw new Error(`post-build: index.html does not call ${initCall}`);
html = html.replace(initCall, "init({ module_or_path: window.ddWasm })");
// (A frame that never comes, as in a window the browser stops drawing, holds the request back 300 ms at most.)
const loader =
  "window.ddWasm = new Promise(function (start) {\n" +
  "        var asked = false;\n" +
  `        function go() { if (!asked) { asked = true; start(fetch(${JSON.stringify(wasmUrl)})); } }\n` +
  '        if (document.visibilityState === "visible") requestAnimationFrame(function () { setTimeout(go, 0); });\n' +
  "        else go();\n" +
  "        setTimeout(go, 300);\n" +
  "      });";
if (!html.includes("</body>")) throw new Error("post-build: index.html has no </body>");
html = html.replace("</body>", () => `  <script>\n      ${loader}\n    </script>\n  </body>`);

if (release) {
  const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
    ([, body]) => `'sha256-${createHash("sha256").update(body).digest("base64")}'`,
  );
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(" ")}`,
    `style-src 'self' ${styleHash}`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "manifest-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join("; ");
  html = html.replace(/<meta charset="utf-8"\s*\/?>/i, (m) => `${m}\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />`);
}
writeFileSync(indexPath, html);

const pages = prerenderQuestions({ staging, html, questions });

const shipped = files(staging)
  .map((path) => relative(staging, path).split("\\").join("/"))
  .filter((path) => path !== "sw.js" && path !== "404.html" && !path.startsWith("screenshots/") && !path.startsWith("q/"))
  .sort();
const version = createHash("sha256");
for (const path of shipped) version.update(path).update(readFileSync(join(staging, path)));
const swPath = join(staging, "sw.js");
const sw = readFileSync(swPath, "utf8")
  .replace('"__VERSION__"', JSON.stringify(version.digest("hex").slice(0, 16)))
  .replace("__PRECACHE__", JSON.stringify(shipped.map((p) => (p === "index.html" ? "./" : p)).concat("index.html")));
writeFileSync(swPath, sw);
writeFileSync(join(staging, "404.html"), html);
console.log(
  `post-build: ${names.length} answers files copied, ${sheets.length} stylesheets inlined (${(css.length / 1024).toFixed(1)} KiB), ${shipped.length} files precached${release ? ", CSP added" : ""}, ` +
    `404.html and ${pages} question pages written`,
);
