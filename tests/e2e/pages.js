// Page objects: the verbs a person uses, so specs read like what they do.
import { expect } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

/** Waits until the wasm app has rendered its header. */
export async function ready(page) {
  await expect(page.locator(".dd-header")).toBeVisible();
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
    return this.page.locator(".dd-qrow");
  }
  async chooseLevel(label) {
    await this.page.getByLabel("Level").selectOption({ label });
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
