// dist/ served as a real static host would: tests/e2e/serve.mjs (SPA fallback) behind a thin layer that adds what
// hosts add and that serve.mjs leaves out on purpose: compression (brotli or gzip, by Accept-Encoding) and ETag
// revalidation. Without compression Lighthouse would time a 2.8 MB wasm download instead of ~0.6 MB.
// Records every request with the bytes sent, for the first-visit check.
import { createServer, request as httpRequest } from "node:http";
import { createHash } from "node:crypto";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { serve } from "../e2e/serve.mjs";

const COMPRESSIBLE = /^(text\/|application\/(javascript|json|wasm|manifest\+json)|image\/svg)/;

/** Starts the host; returns { url, log, clearLog(), close() }. `encoding`: "br" (a CDN) or "gzip" (GitHub Pages). */
export async function host({ root, encoding = "br" }) {
  const inner = await serve({ root });
  const cache = new Map(); // etag + encoding → compressed body
  const log = [];
  const server = createServer((req, res) => {
    const upstream = httpRequest(inner.url.replace(/\/$/, "") + req.url, { method: req.method, headers: { host: req.headers.host } }, (up) => {
      const chunks = [];
      up.on("data", (c) => chunks.push(c));
      up.on("end", () => {
        let body = Buffer.concat(chunks);
        const headers = { ...up.headers };
        for (const h of ["content-length", "transfer-encoding", "connection", "keep-alive", "date"]) delete headers[h];
        const etag = `"${createHash("sha1").update(body).digest("base64url")}"`;
        headers.etag = etag;
        const path = new URL(req.url, "http://x").pathname;
        if (up.statusCode === 200 && req.headers["if-none-match"] === etag) {
          log.push({ path, status: 304, bytes: 0, raw: body.length });
          res.writeHead(304, { etag }).end();
          return;
        }
        const accepts = req.headers["accept-encoding"] ?? "";
        const use = encoding === "br" && /\bbr\b/.test(accepts) ? "br" : /\bgzip\b/.test(accepts) ? "gzip" : null;
        const raw = body.length;
        if (use && COMPRESSIBLE.test(headers["content-type"] ?? "") && body.length > 0) {
          const key = `${etag}:${use}`;
          if (!cache.has(key)) {
            cache.set(
              key,
              use === "br"
                ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
                : gzipSync(body, { level: 9 }),
            );
          }
          body = cache.get(key);
          headers["content-encoding"] = use;
          headers.vary = "Accept-Encoding";
        }
        headers["content-length"] = String(body.length);
        log.push({ path, status: up.statusCode, bytes: body.length, raw });
        res.writeHead(up.statusCode, headers).end(req.method === "HEAD" ? undefined : body);
      });
    });
    upstream.on("error", (e) => res.writeHead(502).end(String(e)));
    req.pipe(upstream);
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    log,
    clearLog: () => (log.length = 0),
    /** Compresses every file once up front, so no measurement waits for brotli. */
    warm: async (paths) => {
      for (const p of paths) {
        await fetch(`http://127.0.0.1:${server.address().port}/${p}`, { headers: { "accept-encoding": encoding === "br" ? "br, gzip" : "gzip" } }).then((r) => r.arrayBuffer());
      }
      log.length = 0;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
      await inner.close();
    },
  };
}
