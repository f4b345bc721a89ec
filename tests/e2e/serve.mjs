// A static server for dist/, like a static host: an SPA fallback for paths without a file extension (index.html,
// or 404.html with status 404 as GitHub Pages does), `<path>.html` for an extensionless path when that file exists
// (GitHub Pages, Netlify and Cloudflare Pages do: the prerendered q/<id>.html pages; `htmlExtension: false` for a
// host that does not), an optional sub-path prefix, and a root that can be swapped (to deploy a new build under a
// running app).
// CLI: node serve.mjs [--port 4173] [--dir ../../dist] [--prefix /sub/path/] [--fallback index.html|404.html]
//   [--html-extension on|off]
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".wasm": "application/wasm",
  ".css": "text/css",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".txt": "text/plain; charset=utf-8",
};

/** Starts a server; returns { url, setRoot(dir), requests, close() }. */
export function serve({ root, port = 0, prefix = "/", fallback = "index.html", htmlExtension = true }) {
  let dir = resolve(root);
  const requests = [];
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://localhost").pathname);
    requests.push(path);
    if (!path.startsWith(prefix) && path + "/" !== prefix) {
      res.writeHead(404).end("outside the app");
      return;
    }
    const inside = path.slice(prefix.length - 1) || "/";
    let file = join(dir, normalize(inside).replace(/^(\.\.[/\\])+/, ""));
    let status = 200;
    try {
      if ((await stat(file)).isDirectory()) file = join(file, "index.html");
    } catch {
      if (extname(inside)) {
        res.writeHead(404).end("not found");
        return;
      }
      const page = `${file}.html`;
      if (htmlExtension && (await stat(page).then((s) => s.isFile(), () => false))) {
        file = page;
      } else {
        file = join(dir, fallback);
        status = fallback === "404.html" ? 404 : 200;
      }
    }
    try {
      const body = await readFile(file);
      res.writeHead(status, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-cache" }).end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  return new Promise((ok) =>
    server.listen(port, "127.0.0.1", () =>
      ok({
        url: `http://127.0.0.1:${server.address().port}${prefix}`,
        requests,
        setRoot: (next) => (dir = resolve(next)),
        close: () => new Promise((done) => { server.closeAllConnections(); server.close(done); }),
      }),
    ),
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = Object.fromEntries(
    process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith("--") ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
  );
  const here = fileURLToPath(new URL(".", import.meta.url));
  const s = await serve({ root: args.dir ?? join(here, "../../dist"), port: Number(args.port ?? 4173), prefix: args.prefix ?? "/", fallback: args.fallback, htmlExtension: args["html-extension"] !== "off" });
  console.log(`serving at ${s.url}`);
}
