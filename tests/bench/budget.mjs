// Size budgets for the release dist/: deterministic (bytes, not times), run by .ci/test after the release build.
// Fails when the compressed wasm, the critical path (what the first screen waits for) or the first-visit total is over
// the budget in budgets.json.
//   node tests/bench/budget.mjs [--dist dist]      check
//   node tests/bench/budget.mjs --suggest          print today's sizes and budgets 7% above them (to re-baseline)
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { criticalPath, firstVisitPaths, firstVisitTotals, shippedFiles } from "./sizes.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const at = argv.indexOf("--dist");
const dist = resolve(here, "../..", at >= 0 ? argv[at + 1] : "dist");
const budgets = argv.includes("--suggest") ? null : JSON.parse(readFileSync(join(here, "budgets.json"), "utf8"));

const files = shippedFiles(dist);
const wasm = files.filter((f) => f.path.endsWith("_bg.wasm"));
if (wasm.length !== 1) throw new Error(`expected one *_bg.wasm in ${dist}, found ${wasm.length}: is it a release build?`);
const visit = firstVisitTotals(files, firstVisitPaths(dist));
const critical = criticalPath(files);
const measured = {
  wasm: { gzip: wasm[0].gzip, brotli: wasm[0].brotli },
  criticalPath: { gzip: critical.gzip, brotli: critical.brotli },
  firstVisit: { gzip: visit.gzip, brotli: visit.brotli },
};

const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
if (argv.includes("--suggest")) {
  const up = (n) => Math.ceil((n * 1.07) / 5120) * 5120;
  const suggested = Object.fromEntries(Object.entries(measured).map(([k, v]) => [k, { gzip: up(v.gzip), brotli: up(v.brotli) }]));
  console.log(JSON.stringify({ measured, suggested }, null, 2));
  process.exit(0);
}

let failed = false;
for (const [what, label] of [["wasm", "wasm"], ["criticalPath", "critical path"], ["firstVisit", "first-visit total"]]) {
  for (const enc of ["gzip", "brotli"]) {
    const size = measured[what][enc];
    const budget = budgets[what][enc];
    const over = size > budget;
    failed ||= over;
    console.log(`${over ? "✗ OVER" : "✓"} ${label} (${enc}): ${kib(size)} of ${kib(budget)} (${((size / budget) * 100).toFixed(1)}%)`);
  }
}
if (failed) {
  console.error(
    "\nOver the size budget (tests/bench/budgets.json). Make it smaller, or, if the growth is wanted (e.g. new questions),\n" +
      "re-baseline: `node tests/bench/budget.mjs --suggest`, and say why in the commit.",
  );
  process.exit(1);
}
