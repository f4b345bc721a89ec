// Trunk post_build hook: works on the staging folder before it becomes dist/.
// 1. sw.js gets the build's version and the precache list of every shipped file (hashed names, never hand-kept).
// 2. Release builds get a strict Content-Security-Policy <meta>, with the sha256 of each inline script.
// 3. 404.html (a copy of index.html) lets static hosts without rewrites (GitHub Pages) open deep links.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) throw new Error("TRUNK_STAGING_DIR is not set: run this from Trunk's post_build hook");
const release = process.env.TRUNK_PROFILE === "release";

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

const indexPath = join(staging, "index.html");
let html = readFileSync(indexPath, "utf8");

if (release) {
  const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
    ([, body]) => `'sha256-${createHash("sha256").update(body).digest("base64")}'`,
  );
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(" ")}`,
    "style-src 'self'",
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
  writeFileSync(indexPath, html);
}

const shipped = files(staging)
  .map((path) => relative(staging, path).split("\\").join("/"))
  .filter((path) => path !== "sw.js" && path !== "404.html" && !path.startsWith("screenshots/"))
  .sort();
const version = createHash("sha256");
for (const path of shipped) version.update(path).update(readFileSync(join(staging, path)));
const swPath = join(staging, "sw.js");
const sw = readFileSync(swPath, "utf8")
  .replace('"__VERSION__"', JSON.stringify(version.digest("hex").slice(0, 16)))
  .replace("__PRECACHE__", JSON.stringify(shipped.map((p) => (p === "index.html" ? "./" : p)).concat("index.html")));
writeFileSync(swPath, sw);
writeFileSync(join(staging, "404.html"), html);
console.log(`post-build: ${shipped.length} files precached${release ? ", CSP added" : ""}, 404.html written`);
