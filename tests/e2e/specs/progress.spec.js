// Progress that is never lost: backup and restore, two tabs, corrupt storage, a failing write, the dashboard and
// the settings that go with them.
import { test, expect } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { App, Study, freshStart } from "../pages.js";

const KEY = "djdrill.progress";

/** The settings page: backup, restore, theme, reset. */
class Settings extends App {
  async open() {
    await super.open("/settings");
  }
  /** Clicks `button` and returns the text of the file it downloads. */
  async downloadFrom(button) {
    const [download] = await Promise.all([this.page.waitForEvent("download"), button.click()]);
    return { name: download.suggestedFilename(), text: await readFile(await download.path(), "utf8") };
  }
  async downloadBackup() {
    return this.downloadFrom(this.page.locator(".dd-backup__download"));
  }
  async chooseFile(name, text) {
    await this.page.locator(".dd-backup__file").setInputFiles({ name, mimeType: "application/json", buffer: Buffer.from(text) });
  }
  preview() {
    return this.page.locator(".dd-backup__preview");
  }
  errors() {
    return this.page.locator(".dd-backup__errors");
  }
}

/** How many reviews are stored (0 when nothing readable is). */
async function storedReviews(app) {
  const raw = await app.page.evaluate((key) => localStorage.getItem(key), KEY);
  try {
    return JSON.parse(raw).data.reviews.length;
  } catch {
    return 0;
  }
}

/** Reveals and grades the current study card in `study`, and waits until the review is saved. */
async function gradeOne(study, digit = 3) {
  const before = await storedReviews(study);
  await expect(study.question()).toBeVisible();
  await study.revealWithKeyboard();
  await expect(study.answer()).toBeVisible();
  await study.gradeWithKeyboard(digit);
  await expect.poll(() => storedReviews(study)).toBeGreaterThan(before);
}

test.beforeEach(async ({ page }) => freshStart(page));

test("export, clear storage, import: the same progress", async ({ page }) => {
  const study = new Study(page);
  await study.open("/study?topics=fundamentals");
  for (const digit of [3, 4, 2]) await gradeOne(study, digit);
  const before = (await study.storedProgress()).data;

  const settings = new Settings(page);
  await settings.open();
  await expect(page.locator(".dd-backup__last")).toHaveText("No backup downloaded yet.");
  const backup = await settings.downloadBackup();
  expect(backup.name).toMatch(/^django-drill-backup-\d{4}-\d{2}-\d{2}\.json$/);
  expect(JSON.parse(backup.text)).toMatchObject({ app: "djdrill", kind: "backup", progress: { reviews: before.reviews } });
  await expect(page.locator(".dd-backup__last")).toContainText("Last backup:");

  await page.evaluate(() => localStorage.clear());
  await settings.reload();
  await settings.chooseFile(backup.name, backup.text);
  await expect(settings.preview()).toContainText("3 reviews");
  await expect(settings.preview()).not.toContainText("does not have");
  await page.getByRole("button", { name: "Replace my progress…" }).click();
  // The current (empty) progress is downloaded before anything is replaced.
  const automatic = await settings.downloadFrom(page.getByRole("button", { name: "Yes, replace" }));
  expect(JSON.parse(automatic.text).progress.reviews).toEqual([]);
  await expect(page.locator(".dd-backup__status")).toContainText("replaced");
  const after = (await settings.storedProgress()).data;
  expect(after.reviews).toEqual(before.reviews);
  expect(after.settings).toEqual(before.settings);

  await settings.reload();
  expect((await settings.storedProgress()).data.reviews).toEqual(before.reviews);
});

test("restore explains every problem, keeps unknown questions, and merges on confirmation", async ({ page }) => {
  const settings = new Settings(page);
  await settings.open();
  await settings.chooseFile("bad.json", "{not json");
  await expect(settings.errors()).toContainText("not valid JSON (line 1, column 2");
  await settings.chooseFile("bad.json", JSON.stringify({ app: "djdrill", kind: "backup", version: 2, exported_at: -5, progress: { reviews: [{ question: "x", grade: "meh", at: 1 }] } }));
  await expect(settings.errors().locator("li")).toHaveCount(2);
  await expect(settings.errors()).toContainText("exported_at");
  await expect(settings.errors()).toContainText("progress.reviews[0].grade");
  expect(await settings.storedProgress()).toBeNull();

  const at = Date.UTC(2025, 0, 15);
  const good = {
    app: "djdrill", kind: "backup", version: 2, exported_at: at,
    progress: {
      reviews: [{ question: "what-is-django", grade: "good", at }, { question: "a-question-from-the-future", grade: "easy", at: at + 1 }],
      bookmarks: { "what-is-django": { value: true, at } },
      notes: { "a-question-from-the-future": { value: "keep me", at } },
    },
  };
  await settings.chooseFile("good.json", JSON.stringify(good));
  await expect(settings.errors()).toHaveCount(0);
  await expect(settings.preview()).toContainText("2 reviews");
  await expect(settings.preview()).toContainText("1 bookmark");
  await expect(settings.preview()).toContainText("1 note");
  await expect(settings.preview()).toContainText("2 records refer to 1 question this version of Django Drill does not have");
  await page.getByRole("button", { name: "Merge into my progress…" }).click();
  await settings.downloadFrom(page.getByRole("button", { name: "Yes, merge" }));
  const stored = (await settings.storedProgress()).data;
  expect(stored.reviews.map((r) => r.question)).toEqual(["what-is-django", "a-question-from-the-future"]);
  expect(stored.notes["a-question-from-the-future"].value).toBe("keep me");
});

test("two tabs grading at the same time keep every review, and each sees the other's", async ({ page, context }) => {
  const a = new Study(page);
  const b = new Study(await context.newPage());
  await a.open("/study?topics=fundamentals");
  await b.open("/study?topics=orm");
  for (let i = 0; i < 3; i++) {
    await Promise.all([a.revealWithKeyboard(), b.revealWithKeyboard()]);
    await Promise.all([a.gradeWithKeyboard(3), b.gradeWithKeyboard(4)]);
    await expect(a.question()).toBeVisible();
    await expect(b.question()).toBeVisible();
  }
  await expect.poll(async () => (await a.storedProgress()).data.reviews.map((r) => r.grade).sort()).toEqual(["easy", "easy", "easy", "good", "good", "good"]);
  const stored = (await a.storedProgress()).data.reviews;
  expect(stored.filter((r) => r.grade === "good")).toHaveLength(3);
  expect(stored.filter((r) => r.grade === "easy")).toHaveLength(3);

  // A change in one tab appears in the other without a reload.
  const stats = new App(page);
  await stats.open("/stats");
  await expect(page.locator(".dd-heatmap__svg")).toHaveAttribute("aria-label", /: 6 reviews on 1 days/);
  await gradeOne(b, 2);
  await expect(page.locator(".dd-heatmap__svg")).toHaveAttribute("aria-label", /: 7 reviews on 1 days/);
  // An undo in one tab is not brought back by the other.
  await b.page.locator("body").press("Control+z");
  await expect.poll(async () => (await a.storedProgress()).data.reviews.length).toBe(6);
  await expect(page.locator(".dd-heatmap__svg")).toHaveAttribute("aria-label", /: 6 reviews on 1 days/);
});

test("corrupt storage: a notice, the original kept under a backup key and offered for download", async ({ page }) => {
  await page.evaluate((key) => localStorage.setItem(key, '{"app":"djdrill","version":2,"data":{"reviews":"oops"'), KEY);
  const app = new App(page);
  await app.reload();
  const notice = page.locator(".dd-notice");
  await expect(notice).toContainText("could not be read");
  const kept = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("djdrill.progress.unreadable.")));
  expect(kept).toHaveLength(1);
  await expect(notice).toContainText(kept[0]);
  expect(await page.evaluate((k) => localStorage.getItem(k), kept[0])).toBe('{"app":"djdrill","version":2,"data":{"reviews":"oops"');
  const [download] = await Promise.all([page.waitForEvent("download"), notice.getByRole("button", { name: "Download the unreadable data" }).click()]);
  expect(await readFile(await download.path(), "utf8")).toBe('{"app":"djdrill","version":2,"data":{"reviews":"oops"');
  // The app works: studying saves fresh progress.
  const study = new Study(page);
  await study.open("/study?topics=fundamentals");
  await gradeOne(study);
});

test("a failed write warns, keeps the session in memory, loses nothing saved, and offers a backup", async ({ page }) => {
  const study = new Study(page);
  await study.open("/study?topics=fundamentals");
  await gradeOne(study, 3);
  const saved = await page.evaluate((key) => localStorage.getItem(key), KEY);
  await page.evaluate(() => {
    Storage.prototype.setItem = function () {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    };
  });
  await study.revealWithKeyboard();
  await study.gradeWithKeyboard(4);
  const notice = page.locator(".dd-notice");
  await expect(notice).toContainText("was not saved");
  await expect(notice).toContainText("quota");
  expect(await page.evaluate((key) => localStorage.getItem(key), KEY)).toBe(saved);
  // The session goes on in memory, and the backup holds both reviews.
  await expect(study.question()).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent("download"), notice.getByRole("button", { name: "Download backup" }).click()]);
  const backup = JSON.parse(await readFile(await download.path(), "utf8"));
  expect(backup.progress.reviews.map((r) => r.grade)).toEqual(["good", "easy"]);
});

test("the dashboard renders a seeded review log, with tables for screen readers", async ({ page }) => {
  await page.evaluate((key) => {
    const day = 86_400_000;
    const now = Date.now();
    const reviews = [];
    for (const back of [40, 3, 2, 1, 0]) {
      reviews.push({ question: "what-is-django", grade: back === 40 ? "again" : "good", at: now - back * day - 1000 });
      reviews.push({ question: "middleware-concept", grade: "good", at: now - back * day - 500 });
    }
    localStorage.setItem(key, JSON.stringify({ app: "djdrill", version: 2, data: { reviews } }));
  }, KEY);
  const app = new App(page);
  await app.open("/stats");
  await expect(app.heading()).toHaveText("Statistics");
  await expect(page.locator(".dd-stats__current")).toHaveText("4 days");
  await expect(page.locator(".dd-stats__longest")).toHaveText("4 days");
  const cells = await page.locator(".dd-heatmap__cell").count();
  expect([365, 366]).toContain(cells);
  await expect(page.locator(".dd-heatmap__svg")).toHaveAttribute("aria-label", /10 reviews on 5 days/);
  await expect(page.locator(".dd-heatmap__svg .dd-heatmap__cell--1")).toHaveCount(5);
  await expect(page.locator(".dd-stats__retention")).toContainText("%");
  await expect(page.locator(".dd-bar-chart__bar")).toHaveCount(14);
  await expect(page.locator(".dd-bar-chart .dd-table tbody tr")).toHaveCount(14);
  await expect(page.locator(".dd-stats__mastery tbody tr").first()).toBeVisible();
  await expect(page.locator(".dd-stats__mastery")).toContainText("Django");
});

test("theme and reduced motion apply at once and persist; reset offers a backup and clears progress", async ({ page }) => {
  const study = new Study(page);
  await study.open("/study?topics=fundamentals");
  await gradeOne(study);
  const settings = new Settings(page);
  await settings.open();
  const html = page.locator("html");
  await page.emulateMedia({ colorScheme: "light" });
  await page.getByLabel("Theme").selectOption("dark");
  await expect(html).toHaveAttribute("data-theme", "dark");
  const dark = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.emulateMedia({ colorScheme: "dark" });
  await page.getByLabel("Theme").selectOption("light");
  await expect(html).toHaveAttribute("data-theme", "light");
  const light = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(light).not.toEqual(dark);
  await page.getByLabel("Reduce motion").check();
  await expect(html).toHaveAttribute("data-reduced-motion", "");
  await settings.reload();
  await expect(html).toHaveAttribute("data-theme", "light");
  await expect(page.getByLabel("Theme")).toHaveValue("light");
  await expect(page.getByLabel("Reduce motion")).toBeChecked();
  await expect(page.locator(".dd-storage__persistent")).toContainText("persistent");

  await page.getByRole("button", { name: "Reset progress…" }).click();
  const backup = await settings.downloadFrom(page.locator(".dd-reset__confirm").getByRole("button", { name: "Download backup" }));
  expect(JSON.parse(backup.text).progress.reviews).toHaveLength(1);
  await page.getByRole("button", { name: "Delete all progress" }).click();
  const stored = (await settings.storedProgress()).data;
  expect(stored.reviews).toEqual([]);
  expect(stored.settings.theme).toBe("light");
});
