// Django Drill service worker. The post-build hook (.ci/post-build.mjs) fills in VERSION and PRECACHE from the
// build output: the hashed file names, never a hand-kept list.
const VERSION = "__VERSION__";
const PRECACHE = __PRECACHE__;
const PREFIX = "djdrill-";
const CACHE = `${PREFIX}${VERSION}`;
const scope = new URL(self.registration.scope);
const shell = new URL("index.html", scope).href;
// Hashed files by name, so a request that went to the wrong folder (a deep link opened with a stale base) still
// finds its file.
const byName = new Map(PRECACHE.map((path) => [path.split("/").pop(), new URL(path, scope).href]));

self.addEventListener("install", (event) => {
  // No skipWaiting here: a new version waits until the page accepts the update prompt.
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE.map((p) => new URL(p, scope).href))));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "SKIP_WAITING") self.skipWaiting();
  if (event.data && event.data.type === "VERSION") event.ports[0]?.postMessage(VERSION);
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== scope.origin || !url.href.startsWith(scope.href.replace(/\/$/, ""))) {
    return;
  }
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      // Every navigation inside the app gets this version's shell: deep links open offline, and HTML and wasm
      // always come from the same build.
      if (request.mode === "navigate") {
        return (await cache.match(shell)) || fetch(request);
      }
      const hit = (await cache.match(request, { ignoreSearch: true })) || (await cache.match(byName.get(url.pathname.split("/").pop()) || ""));
      return hit || fetch(request);
    })(),
  );
});
