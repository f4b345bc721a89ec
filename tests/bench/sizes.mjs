// Sizes of a release dist/, deterministic (no browser, no clock): every shipped file raw / gzip / brotli, the set a
// first visit downloads, and the bank's share of the wasm. Used by bench.mjs (report) and budget.mjs (CI check).
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { readdirSync, readFileSync, statSync, existsSync } from "node:fs";
import { join, relative } from "node:path";

/** gzip -9 and brotli q11: what a static host or CDN that pre-compresses would send. */
export function gzip(buf) {
  return gzipSync(buf, { level: 9 }).length;
}
export function brotli(buf) {
  return brotliCompressSync(buf, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buf.length },
  }).length;
}
/** File types a host compresses (images are already compressed and are sent as they are). */
export function compressible(path) {
  return /\.(html|js|mjs|css|wasm|json|webmanifest|svg|txt)$/.test(path);
}

// Skips dot entries: Trunk stages a build in dist/.stage while it runs.
function walk(dir) {
  return readdirSync(dir).filter((name) => !name.startsWith(".")).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/** Every file in dist/ with its raw, gzip and brotli size (brotli only when `withBrotli`). */
export function shippedFiles(dist, { withBrotli = true } = {}) {
  return walk(dist)
    .map((abs) => {
      const path = relative(dist, abs).split("\\").join("/");
      const body = readFileSync(abs);
      const squeeze = compressible(path);
      return {
        path,
        raw: body.length,
        gzip: squeeze ? gzip(body) : body.length,
        brotli: withBrotli ? (squeeze ? brotli(body) : body.length) : null,
      };
    })
    .sort((a, b) => a.path.localeCompare(b.path));
}

/**
 * What a first visit downloads, one entry per fetch: the service worker's precache (which is every shipped file but
 * the screenshots and 404.html: the list the post-build hook wrote into sw.js) and sw.js itself. The page's own
 * requests are the same URLs (the precache revalidates them), except that the precache holds the HTML twice, as
 * "./" and as "index.html": two URLs, two downloads.
 */
export function firstVisitPaths(dist) {
  const sw = readFileSync(join(dist, "sw.js"), "utf8");
  const match = sw.match(/const PRECACHE = (\[[^\n]*\]);/);
  if (!match) throw new Error("dist/sw.js has no PRECACHE list: was the post-build hook run?");
  const precache = JSON.parse(match[1]).map((p) => (p === "./" ? "index.html" : p));
  return [...precache, "sw.js"].sort();
}

/** Raw / gzip / brotli totals of a first visit (files: from shippedFiles; paths: from firstVisitPaths). */
export function firstVisitTotals(files, paths) {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const total = { files: new Set(paths).size, fetches: paths.length, raw: 0, gzip: 0, brotli: 0 };
  for (const p of paths) {
    const f = byPath.get(p);
    if (!f) throw new Error(`the precache lists ${p}, which is not in dist/`);
    total.raw += f.raw;
    total.gzip += f.gzip;
    total.brotli += f.brotli ?? 0;
  }
  return total;
}

/**
 * What the first screen waits for: the page, its styles and scripts, and the wasm. Not the answers files (fetched
 * after the first screen), icons, the manifest or the service worker.
 */
export function criticalPath(files) {
  const critical = files.filter(
    (f) => f.path === "index.html" || /\.css$/.test(f.path) || (/\.js$/.test(f.path) && f.path !== "sw.js") || f.path.endsWith("_bg.wasm"),
  );
  return { files: critical.length, raw: sum(critical, "raw"), gzip: sum(critical, "gzip"), brotli: sum(critical, "brotli") };
}

export function sum(files, key) {
  return files.reduce((n, f) => n + f[key], 0);
}

// ---- The bank inside the wasm -------------------------------------------------------------------------------

/** The string literals of a Rust file written with `{:?}` (the generated bank_data.rs). */
export function rustStrings(source) {
  const out = [];
  for (let i = 0; i < source.length; i++) {
    if (source[i] === "/" && source[i + 1] === "/") {
      i = source.indexOf("\n", i);
      if (i < 0) break;
      continue;
    }
    if (source[i] !== '"') continue;
    let s = "";
    for (i++; source[i] !== '"'; i++) {
      if (i >= source.length) throw new Error("unterminated string in bank_data.rs");
      const c = source[i];
      if (c !== "\\") {
        s += c;
        continue;
      }
      const e = source[++i];
      if (e === "n") s += "\n";
      else if (e === "r") s += "\r";
      else if (e === "t") s += "\t";
      else if (e === "0") s += "\0";
      else if (e === "u") {
        const end = source.indexOf("}", i);
        s += String.fromCodePoint(parseInt(source.slice(i + 2, end), 16));
        i = end;
      } else s += e; // \\ \" \'
    }
    out.push(s);
  }
  return out;
}

/** The newest generated bank of the wasm release build (target/wasm32-unknown-unknown/release/build/<crate>/out/). */
export function findBankData(root) {
  const targetDir = process.env.CARGO_TARGET_DIR || join(root, "target");
  const build = join(targetDir, "wasm32-unknown-unknown/release/build");
  if (!existsSync(build)) return null;
  const candidates = readdirSync(build)
    .filter((d) => d.startsWith("django-drill-"))
    .map((d) => join(build, d, "out/bank_data.rs"))
    .filter((p) => existsSync(p))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  return candidates[0] ?? null;
}

/** The bank's Markdown sources: content/<topic>/<id>.md (content/README.md describes the format and is not bank). */
export function bankMarkdown(root) {
  const dir = join(root, "content");
  const files = walk(dir)
    .filter((p) => p.endsWith(".md") && relative(dir, p).includes("/"))
    .sort();
  const all = Buffer.concat(files.map((p) => readFileSync(p)));
  return { files: files.length, raw: all.length, gzip: gzip(all), brotli: brotli(all) };
}

/**
 * How much of the wasm is the bank: each bank string (longest first) is found in the wasm's bytes and blanked;
 * the bank's compressed share is compressed(wasm) − compressed(wasm without the bank). Strings of fewer than 12
 * bytes (ids, levels) are left alone: they could match code by chance and weigh nothing.
 */
export function bankInWasm(wasm, bankSource, known = {}) {
  const strings = [...new Set(rustStrings(bankSource))]
    .map((s) => Buffer.from(s, "utf8"))
    .filter((b) => b.length >= 12)
    .sort((a, b) => b.length - a.length);
  const blanked = Buffer.from(wasm);
  let bytes = 0;
  let found = 0;
  let inside = 0;
  const total = strings.reduce((n, b) => n + b.length, 0);
  for (const s of strings) {
    let at = blanked.indexOf(s);
    if (at < 0) {
      // Already blanked as part of a longer string, or merged by the compiler.
      if (wasm.indexOf(s) >= 0) inside++;
      continue;
    }
    found++;
    for (; at >= 0; at = blanked.indexOf(s, at + s.length)) {
      blanked.fill(0, at, at + s.length);
      bytes += s.length;
    }
  }
  const bankOnly = Buffer.concat(strings);
  const wasmGzip = known.gzip ?? gzip(wasm);
  const wasmBrotli = known.brotli ?? brotli(wasm);
  const codeGzip = gzip(blanked);
  const codeBrotli = brotli(blanked);
  return {
    strings: strings.length,
    stringsFound: found,
    stringsInsideOthers: inside,
    stringBytes: total,
    raw: bytes,
    rawShare: bytes / wasm.length,
    // What the bank costs inside the compressed wasm.
    gzipInBuild: wasmGzip - codeGzip,
    brotliInBuild: wasmBrotli - codeBrotli,
    // The same rendered strings compressed on their own.
    gzipAlone: gzip(bankOnly),
    brotliAlone: brotli(bankOnly),
    // The wasm without the bank (code, framework, other data).
    codeRaw: wasm.length - bytes,
    codeGzip,
    codeBrotli,
  };
}
