// Studying with the scheduler, the self-check and undo; a mock interview to its results.
import { test, expect } from "@playwright/test";
import { Study, App, freshStart } from "../pages.js";

test.beforeEach(async ({ page }) => freshStart(page));

test("several cards with self-check and grades; reload keeps the schedule; undo works", async ({ page }) => {
  const study = new Study(page);
  await study.open("/study?topics=fundamentals");
  const asked = [];
  for (const grade of [3, 4, 2]) {
    asked.push(await study.question().textContent());
    await study.revealWithKeyboard();
    await page.locator("body").press("a");
    await expect(page.locator(".dd-check__item input").first()).toBeChecked();
    await expect(page.locator(".dd-grade--good .dd-grade__interval")).not.toBeEmpty();
    await study.gradeWithKeyboard(grade);
  }
  expect(new Set(asked).size).toBe(3);
  const before = (await study.storedProgress()).data.reviews;
  expect(before.map((r) => r.grade)).toEqual(["good", "easy", "hard"]);

  await study.reload();
  // The three studied cards are scheduled in the future: the next card is a fourth, new one.
  await expect(study.question()).not.toHaveText(asked[0]);
  await expect(page.locator(".dd-card__progress")).toContainText("new left today");
  const fourth = await study.question().textContent();
  expect(asked).not.toContain(fourth);

  await study.revealWithKeyboard();
  await study.gradeWithKeyboard(1);
  await page.locator("body").press("Control+z");
  await expect(study.question()).toHaveText(fourth);
  await expect(study.answer()).toBeVisible();
  expect((await study.storedProgress()).data.reviews).toHaveLength(3);
});

test("a mock interview runs to its results with a short timer, and its grades feed the schedule", async ({ page }) => {
  const app = new App(page);
  await app.open("/mock?topics=drf&n=5&secs=1&seed=abc");
  await expect(page.getByRole("heading", { name: "Ready?" })).toBeVisible();
  await page.getByRole("button", { name: "Start interview" }).click();
  await expect(page.locator(".dd-mock__clock")).toBeVisible();
  // One second per question: the timer moves through all five by itself.
  await expect(page.getByRole("heading", { name: "Review your answers" })).toBeVisible({ timeout: 15_000 });
  const items = page.locator(".dd-mock-review__item");
  await expect(items).toHaveCount(5);
  await expect(page.locator(".dd-mock-finish")).toBeDisabled();
  for (let i = 0; i < 5; i++) {
    await items.nth(i).getByRole("button", { name: i % 2 ? "Hard" : "Good" }).click();
  }
  await page.locator(".dd-mock-finish").click();
  await expect(page.getByRole("heading", { name: /^Score \d+\/100$/ })).toBeVisible();
  await expect(page.locator(".dd-mock-results table").first()).toContainText("Django REST Framework");
  const stored = await app.storedProgress();
  expect(stored.data.reviews).toHaveLength(5);
  expect(stored.data.mocks).toHaveLength(1);
  expect(stored.data.mocks[0].query).toBe("?topics=drf&n=5&secs=1&seed=abc");

  // The same link asks the same questions.
  const first = await page.locator(".dd-mock-results tbody").nth(1).locator("tr").first().textContent();
  await app.open("/mock?topics=drf&n=5&secs=60&seed=abc");
  await page.getByRole("button", { name: "Start interview" }).click();
  await expect(page.locator("#mock-question")).toHaveText(first.replace(/\d+:\d\d.*$/, "").trim());
});
