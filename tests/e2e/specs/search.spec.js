// Search as you type, by keyboard; shareable links; notes that are searchable.
import { test, expect } from "@playwright/test";
import { App } from "../pages.js";

test("a misspelled term finds the right question first; keyboard opens it; the search URL reloads", async ({ page }) => {
  const app = new App(page);
  await app.open("/");
  await page.locator("body").press("/");
  await expect(page.locator(".dd-search__input")).toBeFocused();
  await page.keyboard.type("prefetch_relatd");
  await expect(page).toHaveURL(/\/search\?q=prefetch_relatd$/);
  const first = page.locator(".dd-results__link").first();
  await expect(first).toContainText("prefetch_related");
  await expect(page.locator(".dd-results__snippet mark").first()).toBeVisible();
  await page.keyboard.press("ArrowDown");
  await expect(first).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/q\/select-related-vs-prefetch-related$/);

  await app.open("/search?q=csfr");
  await expect(page.locator(".dd-results__link").first()).toContainText(/CSRF/);
  await app.reload();
  await expect(page.locator(".dd-results__link").first()).toContainText(/CSRF/);
  // A keystroke draws the rows on screen first and the rest after the paint: every counted row arrives.
  await page.locator(".dd-search__input").fill("");
  await page.locator(".dd-search__input").pressSequentially("se");
  await expect(page.locator(".dd-results .dd-count")).toHaveText(/^30 questions/);
  await expect(page.locator(".dd-results__item")).toHaveCount(30);
  await page.locator(".dd-search__input").press("Escape");
  await expect(page.locator(".dd-search__input")).toHaveValue("");
});

test("nothing found suggests the closest terms, as links that search again", async ({ page }) => {
  const app = new App(page);
  await app.open("/search?q=midlewarezz");
  await expect(page.locator(".dd-count")).toHaveText("No questions match.");
  await page.locator(".dd-suggest a", { hasText: "middleware" }).click();
  await expect(page).toHaveURL(/\/search\?q=middleware$/);
  await expect(page.locator(".dd-results__link").first()).toContainText(/middleware/i);
  await app.open("/search?q=qqqzzzx");
  await expect(page.locator(".dd-count")).toHaveText("No questions match.");
  await expect(page.locator(".dd-suggest")).toHaveCount(0);
});

test("a shared set opens in a fresh browser and can be studied; unknown codes are not fatal", async ({ page, browser }) => {
  const app = new App(page);
  await app.open("/search?q=N%2B1");
  const link = await page.getByRole("link", { name: "Study these" }).getAttribute("href");
  expect(link).toMatch(/\/study\?set=[0-9a-z]+$/);
  const fresh = await browser.newContext({ baseURL: new URL(page.url()).origin });
  const other = await fresh.newPage();
  await other.goto(link + "zzzzz");
  await expect(other.locator(".dd-header")).toBeVisible();
  await expect(other.locator(".dd-card__question")).toBeVisible();
  await other.locator("body").press("Space");
  await other.locator("body").press("3");
  const stored = await other.evaluate(() => JSON.parse(localStorage.getItem("djdrill.progress")));
  expect(stored.data.reviews).toHaveLength(1);
  await fresh.close();
});

test("bookmarks and notes are kept, filterable and searchable, and notes are plain text", async ({ page }) => {
  const app = new App(page);
  await app.open("/q/manage-py");
  await page.getByRole("button", { name: "☆ Bookmark" }).click();
  await expect(page.getByRole("button", { name: "★ Bookmarked" })).toHaveAttribute("aria-pressed", "true");
  await page.getByRole("textbox", { name: "Your notes" }).fill("<b>zebracorn</b> deploy story");
  await expect(page.locator(".dd-notes .dd-help")).toHaveText("Saved");
  await app.reload();
  await expect(page.getByRole("textbox", { name: "Your notes" })).toHaveValue("<b>zebracorn</b> deploy story");
  await app.open("/search?q=zebracorn");
  await expect(page.locator(".dd-results__link").first()).toHaveAttribute("href", /\/q\/manage-py$/);
  await expect(page.locator(".dd-results__snippet")).toContainText("<b>zebracorn</b>");
  await expect(page.locator(".dd-results__snippet b")).toHaveCount(0);
  await app.open("/browse?bookmarked=1");
  await expect(page.locator(".dd-qrow:not([hidden])")).toHaveCount(1);
});
