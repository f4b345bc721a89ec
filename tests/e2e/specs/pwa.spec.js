// Offline PWA behaviour on the release build: install, offline deep links, safe updates, sub-paths, manifest, CSP.
import { createHash } from "node:crypto";
import { test, expect } from "@playwright/test";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "../serve.mjs";

const DIST = process.env.E2E_DIST ?? fileURLToPath(new URL("../../../dist", import.meta.url));

/** Collects console errors, page errors and CSP violations of a page. */
async function watchProblems(page) {
  const problems = [];
  page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  return problems;
}

async function appReady(page) {
  await expect(page.locator(".dd-header")).toBeVisible();
}

/** Waits until a service worker controls the page. */
async function controlled(page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((ok) => navigator.serviceWorker.addEventListener("controllerchange", ok, { once: true }));
    }
  });
}

/** A copy of dist/ standing for the next deploy: a changed stylesheet (inlined, with its CSP hash), a marker in
 * the HTML, a new SW version. */
function buildB() {
  const dir = mkdtempSync(join(tmpdir(), "djdrill-b-"));
  cpSync(DIST, dir, { recursive: true });
  const hash = (css) => `'sha256-${createHash("sha256").update(css).digest("base64")}'`;
  for (const file of ["index.html", "404.html", "sw.js"]) {
    let text = readFileSync(join(dir, file), "utf8");
    if (file.endsWith(".html")) {
      const [whole, css] = text.match(/<style>([\s\S]*?)<\/style>/);
      const changed = `${css}\n.djdrill-build-b { --djdrill-build: b; }`;
      text = text.replace(whole, () => `<style>${changed}</style>`).replace(hash(css), hash(changed));
      text = text.replace("<title>", '<meta name="djdrill-build" content="B" />\n    <title>');
    }
    if (file === "sw.js") text = text.replace(/const VERSION = "[^"]*"/, 'const VERSION = "build-b"');
    writeFileSync(join(dir, file), text);
  }
  return { dir };
}

test("first visit installs the worker; offline, /, a deep link and a search URL still open", async ({ page, context }) => {
  const server = await serve({ root: DIST });
  const problems = await watchProblems(page);
  await page.goto(server.url);
  await appReady(page);
  await controlled(page);
  const cacheNames = await page.evaluate(() => caches.keys());
  expect(cacheNames).toHaveLength(1);
  expect(cacheNames[0]).toMatch(/^djdrill-[0-9a-f]{16}$/);
  // The answers files the first page fetches once idle (before the worker took control) must be in before the
  // network goes.
  await page.waitForLoadState("networkidle");

  await server.close();
  await context.setOffline(true);
  for (const [path, heading] of [["", "Ace your Django interview"], ["q/what-is-django", "What is Django?"], ["q/select-related-vs-prefetch-related", "select_related"]]) {
    await page.goto(server.url + path);
    await appReady(page);
    await expect(page.locator("h1")).toContainText(heading);
    // The answers files were precached: the model answer shows offline too.
    if (path) await expect(page.locator(".dd-answer .dd-prose p").first()).toBeVisible();
  }
  await page.goto(server.url + "search?q=csrf");
  await appReady(page);
  // Search indexes every answers file, all read from the cache.
  await expect(page.locator(".dd-results__link").first()).toBeVisible();
  expect(problems).toEqual([]);
});

test("a new deploy shows the prompt; Reload switches to it once; progress survives; no request mixes versions", async ({ page }) => {
  const server = await serve({ root: DIST });
  await page.goto(server.url + "study?topics=fundamentals");
  await appReady(page);
  await controlled(page);
  await page.locator("body").press("Space");
  await page.locator("body").press("3");
  const before = await page.evaluate(() => localStorage.getItem("djdrill.progress"));
  expect(JSON.parse(before).data.reviews).toHaveLength(1);

  const b = buildB();
  server.setRoot(b.dir);
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
  await expect(page.getByText("A new version of Django Drill is ready.")).toBeVisible();
  // Still build A until the user accepts.
  await expect(page.locator('meta[name="djdrill-build"]')).toHaveCount(0);

  await Promise.all([page.waitForEvent("load"), page.getByRole("button", { name: "Reload" }).click()]);
  await appReady(page);
  await expect(page.locator('meta[name="djdrill-build"]')).toHaveAttribute("content", "B");
  // B's styles apply (its CSP allows B's inline stylesheet, and only that).
  const rules = await page.evaluate(() => [...document.styleSheets].flatMap((s) => [...s.cssRules].map((r) => r.selectorText)));
  expect(rules).toContain(".djdrill-build-b");
  expect(await page.evaluate(() => localStorage.getItem("djdrill.progress"))).toBe(before);
  expect(await page.evaluate(() => caches.keys())).toEqual(["djdrill-build-b"]);
  await server.close();
});

test("the same dist works under a sub-path, online and offline, with 404.html as the only fallback", async ({ page, context }) => {
  // A host with nothing but 404.html: no q/<id>.html for /q/<id> either.
  const server = await serve({ root: DIST, prefix: "/django-drill/", fallback: "404.html", htmlExtension: false });
  const problems = await watchProblems(page);
  await page.goto(server.url + "q/what-is-django");
  await appReady(page);
  await expect(page.locator("h1")).toHaveText("What is Django?");
  await page.getByRole("link", { name: "Browse", exact: true }).first().click();
  await expect(page).toHaveURL(/\/django-drill\/browse$/);
  await controlled(page);
  await server.close();
  await context.setOffline(true);
  await page.goto(server.url + "study?topics=fundamentals");
  await appReady(page);
  await expect(page.locator(".dd-card__question")).toBeVisible();
  await page.goto(server.url);
  await appReady(page);
  await expect(page.locator("h1")).toHaveText("Ace your Django interview");
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).scope);
  expect(new URL(scope).pathname).toBe("/django-drill/");
  expect(problems.filter((p) => !p.includes("404 (Not Found)"))).toEqual([]);
});

test("a prerendered question page works under a sub-path: every file found at once, links stay under it", async ({ page }) => {
  const server = await serve({ root: DIST, prefix: "/django-drill/", fallback: "404.html" });
  const problems = await watchProblems(page);
  const failed = [];
  page.on("response", (r) => r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`));
  // The wasm waits until the prerendered page has been seen: the app would otherwise replace it at its own pace.
  let shellSeen;
  const seen = new Promise((resolve) => (shellSeen = resolve));
  await page.route("**/*.wasm", async (route) => {
    await seen;
    await route.continue();
  });
  await page.goto(server.url + "q/what-is-django");
  await expect(page.locator("#dd-shell h1")).toHaveText("What is Django?");
  shellSeen();
  await appReady(page);
  await expect(page.locator("#main h1")).toHaveText("What is Django?");
  await page.getByRole("link", { name: "Browse", exact: true }).first().click();
  await expect(page).toHaveURL(/\/django-drill\/browse$/);
  expect(failed).toEqual([]);
  expect(problems).toEqual([]);
  await server.close();
});

test("the manifest is valid and linked, icons load, and no page logs an error or a CSP violation", async ({ page }) => {
  const server = await serve({ root: DIST });
  const problems = await watchProblems(page);
  await page.goto(server.url);
  await appReady(page);
  const href = await page.locator('link[rel="manifest"]').evaluate((l) => l.href);
  const response = await page.request.get(href);
  expect(response.headers()["content-type"]).toContain("application/manifest+json");
  const manifest = await response.json();
  expect(manifest).toMatchObject({ name: "Django Drill", display: "standalone", start_url: "./", scope: "./" });
  const sizes = manifest.icons.map((i) => `${i.sizes}/${i.purpose}`);
  expect(sizes).toEqual(expect.arrayContaining(["192x192/any", "512x512/any", "512x512/maskable"]));
  for (const icon of manifest.icons) {
    const r = await page.request.get(new URL(icon.src, href).href);
    expect(r.status(), icon.src).toBe(200);
  }
  expect(await page.locator('link[rel="apple-touch-icon"]').count()).toBe(1);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval' 'sha256-");
  expect(csp).not.toContain("unsafe-inline");
  for (const path of ["browse", "q/middleware-concept", "study?topics=drf", "no/such/page"]) {
    await page.goto(server.url + path);
    await appReady(page);
  }
  await page.locator(".dd-header__brand").click();
  await appReady(page);
  expect(problems).toEqual([]);
  await server.close();
});
