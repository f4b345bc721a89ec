// The flows a person goes through, on the release build.
import { test, expect } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { App, Home, Browse, Study, TickedSet, freshStart } from "../pages.js";

test.beforeEach(async ({ page }) => freshStart(page));

test("home → browse a topic → open a question by deep link and reload it", async ({ page }) => {
  const home = new Home(page);
  await home.open("/");
  await expect(home.topicCards()).toHaveCount(16);
  await home.openTopic("Models & ORM");
  await expect(page).toHaveURL(/\/browse\?topic=models-orm$/);
  const browse = new Browse(page);
  const all = await browse.rows().count();
  expect(all).toBeGreaterThan(10);
  await browse.chooseLevel("Senior");
  await expect(page).toHaveURL(/level=senior/);
  await expect(page.getByRole("link", { name: "Study these" })).toHaveAttribute("href", /\/study\?set=[0-9a-z]+$/);
  await expect.poll(() => browse.rows().count()).toBeLessThan(all);

  const question = new App(page);
  await question.open("/q/what-is-django");
  await expect(question.heading()).toHaveText("What is Django?");
  await expect(page.locator(".dd-prose pre.code").first()).toBeVisible();
  await question.reload();
  await expect(question.heading()).toHaveText("What is Django?");
  await expect(page.locator(".dd-keypoints li")).toHaveCount(6);
});

test("a browse filter shows at once and the URL follows: row links, Back and the header's Browse link agree with it", async ({ page }) => {
  const browse = new Browse(page);
  await browse.open("/browse?topic=drf");
  const all = await browse.rows().count();
  await browse.chooseLevel("Junior");
  await expect(page).toHaveURL(/\/browse\?topic=drf&level=junior$/);
  await expect.poll(() => browse.rows().count()).toBeLessThan(all);
  const junior = await browse.rows().count();
  expect(junior).toBeGreaterThan(0);
  // A row reached by the pointer carries the filter to the question page (previous/next follow it).
  const link = browse.rows().first().locator(".dd-qrow__link");
  await link.hover();
  await expect(link).toHaveAttribute("href", /\/q\/[a-z0-9-]+\?topic=drf&level=junior$/);
  await link.click();
  await expect(page).toHaveURL(/\/q\/[a-z0-9-]+\?topic=drf&level=junior$/);
  // Back returns to the filtered list, as it was.
  await page.goBack();
  await expect(page).toHaveURL(/\/browse\?topic=drf&level=junior$/);
  await expect(page.getByLabel(/^Level/)).toHaveValue("junior");
  await expect(browse.rows()).toHaveCount(junior);
  // The header's Browse link is the unfiltered list, even when it is already the page shown.
  await page.locator(".dd-header").getByRole("link", { name: "Browse", exact: true }).click();
  await expect(page).toHaveURL(/\/browse$/);
  await expect(page.getByLabel(/^Level/)).toHaveValue("");
  await expect(page.getByLabel(/^Topic/)).toHaveValue("");
  await expect.poll(() => browse.rows().count()).toBeGreaterThan(all);
});

test("typing a search shows each query's results at once; the URL ends on the last one and Back returns to it", async ({ page }) => {
  const app = new App(page);
  await app.open("/");
  await page.locator(".dd-search__input").click();
  await page.keyboard.type("select_related", { delay: 5 });
  await expect(page.locator("#main h1")).toHaveText("Results for “select_related”");
  await expect(page).toHaveURL(/\/search\?q=select_related$/);
  await expect(page.locator(".dd-results__link").first()).toContainText("select_related");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/q\/[a-z0-9-]+$/);
  await page.goBack();
  await expect(page).toHaveURL(/\/search\?q=select_related$/);
  await expect(page.locator("#main h1")).toHaveText("Results for “select_related”");
  await expect(page.locator(".dd-search__input")).toHaveValue("select_related");
  // Typing on the search page replaces its entry: one Back leaves search altogether.
  await page.locator(".dd-search__input").fill("csrf");
  await expect(page).toHaveURL(/\/search\?q=csrf$/);
  await page.goBack();
  await expect(page).toHaveURL(/\/$|\/index\.html$/);
});

test.describe("without the service worker (it would answer from its cache)", () => {
  test.use({ serviceWorkers: "block" });
  test("answers arrive after the first screen; a failed or damaged answers file says why and Try again loads it", async ({ page }) => {
  let serve = "unavailable";
  await page.route(/\/answers-fundamentals-[0-9a-f]{16}\.txt$/, (route) =>
    serve === "unavailable"
      ? route.fulfill({ status: 503, body: "unavailable" })
      : serve === "damaged"
        ? route.fulfill({ status: 200, body: Buffer.from([0x61, 0x62, 0xff, 0xfe]) })
        : route.continue(),
  );
  const question = new App(page);
  await question.open("/q/what-is-django");
  await expect(question.heading()).toHaveText("What is Django?");
  await expect(page.locator(".dd-keypoints li")).toHaveCount(6);
  const alert = page.locator(".dd-answer [role=alert]");
  await expect(alert).toContainText("HTTP 503");
  await expect(page.locator(".dd-answer .dd-prose")).toHaveCount(0);
  serve = "damaged";
  await alert.getByRole("button", { name: "Try again" }).click();
  await expect(alert).toContainText("is damaged (not UTF-8 at byte 2)");
  await expect(page.locator(".dd-answer .dd-prose")).toHaveCount(0);
  serve = "real";
  await alert.getByRole("button", { name: "Try again" }).click();
  await expect(page.locator(".dd-answer .dd-prose pre.code").first()).toBeVisible();
  await expect(alert).toHaveCount(0);
  });
});

test("study: reveal and grade with the keyboard; the review survives a reload", async ({ page }) => {
  const study = new Study(page);
  await study.open("/study?topics=fundamentals");
  const first = await study.question().textContent();
  await expect(study.answer()).toHaveCount(0);
  await study.revealWithKeyboard();
  await expect(study.answer()).toBeVisible();
  await study.gradeWithKeyboard(3);
  await expect(study.question()).not.toHaveText(first);

  await study.reload();
  const stored = await study.storedProgress();
  expect(stored.app).toBe("djdrill");
  expect(stored.data.reviews).toHaveLength(1);
  expect(stored.data.reviews[0]).toMatchObject({ grade: "good" });
  await study.open("/");
  await expect(page.locator(".dd-stats")).toContainText("Reviews today1");
  await expect(page.locator(".dd-hero__actions")).toContainText("Continue studying");
});

test("an unknown route and an unknown question show the 404 page", async ({ page }) => {
  const app = new App(page);
  await app.open("/no/such/page");
  await expect(app.heading()).toHaveText("Page not found");
  await app.open("/q/not-a-real-question");
  await expect(app.heading()).toHaveText("Page not found");
});

// axe on every route and on the revealed study card, at desktop and phone width, each in light and dark: one page
// load per route, then the width and the colour scheme are switched in place.
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];
const AXE_VIEWPORTS = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } };
/** The same audit as App.violations(), run in the page itself (no cross-frame pass: the app has no frames) and
 * reporting violations only: about twice as fast on the long browse list. */
async function violations(page) {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).setLegacyMode(true).options({ resultTypes: ["violations"] }).analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}
async function auditEverywhere(page) {
  const found = {};
  for (const [width, viewport] of Object.entries(AXE_VIEWPORTS)) {
    await page.setViewportSize(viewport);
    for (const scheme of ["light", "dark"]) {
      await page.emulateMedia({ colorScheme: scheme });
      found[`${width}, ${scheme}`] = await violations(page);
    }
  }
  return found;
}
const none = (found) => Object.fromEntries(Object.keys(found).map((k) => [k, []]));

for (const path of ["/", "/browse", "/browse?topic=drf", "/q/what-is-django", "/q/middleware-concept", "/study", "/mock", "/search?q=queryset", "/stats", "/settings", "/no/such/page"]) {
  test(`axe finds no violations on ${path} (desktop and phone, light and dark)`, async ({ page }) => {
    test.setTimeout(60_000);
    const app = new App(page);
    await app.open(path);
    await expect(app.heading().first()).toBeAttached();
    const found = await auditEverywhere(page);
    expect(found).toEqual(none(found));
  });
}

test("axe finds no violations on the revealed study card (desktop and phone, light and dark)", async ({ page }) => {
  const study = new Study(page);
  await study.open("/study?topics=fundamentals");
  await study.revealWithKeyboard();
  await expect(study.answer()).toBeVisible();
  const found = await auditEverywhere(page);
  expect(found).toEqual(none(found));
});

test("axe finds no violations with ticked questions and their set bar (desktop and phone, light and dark)", async ({ page }) => {
  test.setTimeout(60_000);
  const set = new TickedSet(page);
  await set.open("/browse?topic=drf");
  await set.tick(0);
  await set.tick(1);
  await expect(set.bar()).toBeVisible();
  const found = await auditEverywhere(page);
  expect(found).toEqual(none(found));
});

/** The text of each part of a question page, in the prerendered shell (`#dd-shell`) or the app (`#main`). */
async function questionParts(page, root) {
  const parts = [".dd-crumbs", "h1", ".dd-question__meta", ".dd-variants", ".dd-keypoints", ".dd-answer", ".dd-controls a", ".dd-controls .dd-history", ".dd-notes h2", ".dd-sources", ".dd-related", ".dd-pager"];
  // innerText leaves out blocks that content-visibility: auto is skipping (off screen): render them all first.
  await page.evaluate((root) => {
    for (const el of document.querySelectorAll(`${root} *`)) if (getComputedStyle(el).contentVisibility === "auto") el.style.contentVisibility = "visible";
  }, root);
  const out = {};
  for (const part of parts) {
    const found = page.locator(`${root} ${part}`);
    out[part] = (await found.count()) ? (await found.first().innerText()).replace(/\s+/g, " ").trim() : null;
  }
  return out;
}

test.describe("question pages prerendered at build time (q/<id>.html)", () => {
  test.use({ serviceWorkers: "block" }); // first visits: a service worker would serve its cached index.html

  test("show the whole question without the wasm, pass axe, fetch nothing that 404s, and match what the app renders", async ({ page }) => {
    const failed = [];
    page.on("response", (r) => r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`));
    // The bank's first and last questions (no previous / no next), and one with variants and related questions.
    for (const [id, title] of [["admin-interface", null], ["what-is-django", "What is Django?"], ["third-party-packages-experience", null]]) {
      await page.route("**/*.wasm", (route) => route.abort());
      await page.goto(`/q/${id}`);
      const shell = await questionParts(page, "#dd-shell");
      if (title) await expect(page.locator("#dd-shell h1")).toHaveText(title);
      await expect(page).toHaveTitle(`${shell.h1} — Django Drill`);
      await expect(page.locator("#dd-shell .dd-answer .dd-prose p").first()).toBeVisible();
      expect(shell[".dd-keypoints"]).toMatch(/^key points \S/i);
      if (id === "admin-interface") {
        const found = await auditEverywhere(page);
        expect(found).toEqual(none(found));
      }
      await page.unroute("**/*.wasm");
      await page.reload();
      await expect(page.locator("#dd-shell")).toHaveCount(0);
      await expect(page.locator("#main .dd-answer .dd-prose p").first()).toBeVisible();
      expect(await questionParts(page, "#main")).toEqual(shell);
    }
    expect(failed).toEqual([]);
  });

  test("stay up until the app can show the answer too: the answer never blinks into a loading line", async ({ page }) => {
    let release;
    const held = new Promise((ok) => (release = ok));
    await page.route("**/answers-*.txt", async (route) => {
      await held;
      await route.continue();
    });
    await page.addInitScript(() => {
      window.__sawLoading = false;
      const look = () => {
        for (const wait of document.querySelectorAll(".dd-answer-wait")) if (wait.checkVisibility()) window.__sawLoading = true;
        requestAnimationFrame(look);
      };
      requestAnimationFrame(look);
    });
    await page.goto("/q/what-is-django");
    // The app has mounted behind the page (its header exists, hidden) and waits for the held answers file.
    await expect(page.locator(".dd-header")).toHaveCount(1);
    await expect(page.locator(".dd-header")).toBeHidden();
    await expect(page.locator("#dd-shell h1")).toBeVisible();
    release();
    await expect(page.locator("#dd-shell")).toHaveCount(0);
    await expect(page.locator("#main h1")).toHaveText("What is Django?");
    await expect(page.locator("#main .dd-answer .dd-prose p").first()).toBeVisible();
    expect(await page.evaluate(() => window.__sawLoading)).toBe(false);
  });
});

test.describe("the static shell in index.html", () => {
  test.use({ serviceWorkers: "block" }); // so that page.route sees the wasm request
  test("shows while the wasm loads, passes axe, and the app replaces it", async ({ page }) => {
    await page.route("**/*.wasm", (route) => route.abort());
    await page.goto("/browse?topic=drf");
    await expect(page.locator("#dd-shell [role=status]")).toHaveText("Loading the question bank…");
    const found = await auditEverywhere(page);
    expect(found).toEqual(none(found));
    await page.unroute("**/*.wasm");
    const app = new App(page);
    await app.open("/browse?topic=drf");
    await expect(app.heading()).toHaveText("Browse questions");
    await expect(page.locator("#dd-shell")).toHaveCount(0);
  });

  test("on the home page it already shows the page's real first lines, the same the app renders", async ({ page }) => {
    await page.route("**/*.wasm", (route) => route.abort());
    await page.goto("/");
    const shellLead = page.locator("#dd-shell .dd-hero__lead");
    await expect(page.locator("#dd-shell h1:visible")).toHaveText("Ace your Django interview");
    await expect(shellLead).toBeVisible();
    const text = await shellLead.textContent();
    expect(text).toMatch(/^\d+ questions on Django, DRF and Python backend work, asked \d+ ways/);
    expect(text).not.toContain("{{");
    const found = await auditEverywhere(page);
    expect(found).toEqual(none(found));
    await page.unroute("**/*.wasm");
    await page.reload();
    await expect(page.locator("#main .dd-hero__lead")).toHaveText(text);
    await expect(page.locator("#dd-shell")).toHaveCount(0);
    // Elsewhere the shell shows no home page text.
    await page.route("**/*.wasm", (route) => route.abort());
    await page.goto("/browse");
    await expect(page.locator("#dd-shell .dd-hero")).toBeHidden();
  });
});

test("the axe check detects a real violation (guards against a vacuous pass)", async ({ page }) => {
  const app = new App(page);
  await app.open("/");
  await page.evaluate(() => {
    const img = document.createElement("img");
    img.src = "data:image/gif;base64,R0lGODlhAQABAAAAACw=";
    document.querySelector("main").append(img);
  });
  expect((await app.violations()).some((v) => v.startsWith("image-alt"))).toBe(true);
  expect((await violations(page)).some((v) => v.startsWith("image-alt"))).toBe(true);
});
