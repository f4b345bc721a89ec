// Page objects: the verbs a person uses, so specs read like what they do.
import { expect } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

/** Waits until the wasm app has rendered its header. */
export async function ready(page) {
  await expect(page.locator(".dd-header")).toBeVisible();
}

/** Opens the app and clears storage once it has mounted (and read storage), before the test sets its own. */
export async function freshStart(page) {
  await page.goto("/");
  await ready(page);
  await page.evaluate(() => localStorage.clear());
}

export class App {
  constructor(page) {
    this.page = page;
  }
  async open(path = "/") {
    await this.page.goto(path);
    await ready(this.page);
  }
  async reload() {
    await this.page.reload();
    await ready(this.page);
  }
  heading() {
    return this.page.locator("h1");
  }
  /** Axe violations on the current page (WCAG 2.x A/AA and best practices). */
  async violations() {
    const results = await new AxeBuilder({ page: this.page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
    return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  }
  /** The progress stored in localStorage, parsed. */
  async storedProgress() {
    const raw = await this.page.evaluate(() => localStorage.getItem("djdrill.progress"));
    return raw ? JSON.parse(raw) : null;
  }
}

export class Home extends App {
  topicCards() {
    return this.page.locator(".dd-topic");
  }
  async openTopic(title) {
    await this.page.locator(".dd-topic__link", { hasText: title }).click();
  }
}

export class Browse extends App {
  rows() {
    return this.page.locator(".dd-qrow:not([hidden])");
  }
  async chooseLevel(label) {
    await this.page.getByLabel(/^Level/).selectOption({ label });
  }
}

/** The ticked set: "Add to set" boxes on browse and search rows, and the bar that shares exactly those. */
export class TickedSet extends App {
  /** The "Add to set" box of the nth row of the list shown (browse or search). */
  box(n) {
    return this.page.locator(".dd-qrow:not([hidden])").nth(n).getByRole("checkbox", { name: /^Add to set: / });
  }
  /** The question id of the nth row, from its link. */
  async idOf(n) {
    const href = await this.page.locator(".dd-qrow:not([hidden])").nth(n).locator(".dd-qrow__link").getAttribute("href");
    return href.match(/\/q\/([^?]+)/)[1];
  }
  /** Ticks the nth row and returns its question id. */
  async tick(n) {
    await this.box(n).check();
    return this.idOf(n);
  }
  bar() {
    return this.page.locator(".dd-ticked");
  }
  /** Searches from the header's search box, as typing does: the app stays loaded. */
  async search(text) {
    await this.page.locator(".dd-search__input").fill(text);
    await expect(this.page).toHaveURL(new RegExp(`/search\\?q=${encodeURIComponent(text)}$`));
  }
}

export class Study extends App {
  question() {
    return this.page.locator(".dd-card__question");
  }
  answer() {
    return this.page.locator(".dd-card__answer");
  }
  async revealWithKeyboard() {
    await this.page.locator("body").press("Space");
  }
  async gradeWithKeyboard(digit) {
    await this.page.locator("body").press(String(digit));
  }
}
