// A set built by ticking questions on browse and search, shared as a link that studies exactly those questions.
import { test, expect } from "@playwright/test";
import { Study, TickedSet } from "../pages.js";

test("questions ticked on browse and search make a set whose link studies exactly them, in a fresh browser", async ({ page, browser }) => {
  const set = new TickedSet(page);
  await set.open("/browse?topic=fundamentals");
  await expect(set.bar()).toHaveCount(0);
  const ticked = [await set.tick(0), await set.tick(2)];
  await expect(set.bar().getByRole("status")).toHaveText("2 selected");

  // The set stays while moving between pages; the third tick is by keyboard.
  await set.search("csrf");
  await expect(set.bar().getByRole("status")).toHaveText("2 selected");
  const row = await (async () => {
    for (let n = 0; ; n++) if (!ticked.includes(await set.idOf(n))) return n;
  })();
  await set.box(row).focus();
  await page.keyboard.press("Space");
  await expect(set.box(row)).toBeChecked();
  ticked.push(await set.idOf(row));
  await expect(set.bar().getByRole("status")).toHaveText("3 selected");

  // Unticking and ticking again keeps the set; back on browse the boxes show what is ticked.
  await page.goBack();
  await expect(page).toHaveURL(/\/browse\?topic=fundamentals$/);
  await expect(set.box(0)).toBeChecked();
  await expect(set.box(1)).not.toBeChecked();
  await expect(set.box(2)).toBeChecked();
  await set.box(1).check();
  await expect(set.bar().getByRole("status")).toHaveText("4 selected");
  await set.box(1).uncheck();
  await expect(set.bar().getByRole("status")).toHaveText("3 selected");

  const link = await set.bar().getByRole("link", { name: "Study these" }).getAttribute("href");
  expect(link).toMatch(/\/study\?set=[0-9a-z]{15}$/);
  await expect(set.bar().getByRole("link", { name: "Mock interview on these" })).toHaveAttribute("href", /\/mock\?set=[0-9a-z]{15}&n=5$/);

  const fresh = await browser.newContext({ baseURL: new URL(page.url()).origin });
  const study = new Study(await fresh.newPage());
  await study.open(link);
  const asked = [];
  for (let i = 0; i < 10 && (await study.question().count()); i++) {
    const text = await study.question().textContent();
    if (!asked.includes(text)) asked.push(text);
    await study.revealWithKeyboard();
    await expect(study.answer()).toBeVisible();
    await study.gradeWithKeyboard(4);
    await expect(study.question().or(study.page.locator("#summary-heading"))).toBeVisible();
    if (await study.question().count()) await expect(study.question()).not.toHaveText(text);
  }
  await expect(study.page.locator("#summary-heading")).toHaveText("Session complete");
  expect(asked).toHaveLength(3);
  const reviewed = (await study.storedProgress()).data.reviews.map((r) => r.question);
  expect([...new Set(reviewed)].sort()).toEqual([...ticked].sort());
  await fresh.close();

  // Clear empties the set and hides the bar.
  await set.bar().getByRole("button", { name: "Clear" }).click();
  await expect(set.bar()).toHaveCount(0);
  await expect(set.box(0)).not.toBeChecked();
});
