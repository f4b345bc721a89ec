// The system Chromium and the flags every run of it here uses: the Playwright tests (playwright.config.js) and the
// benchmark (tests/bench/bench.mjs).

/** Debian's Chromium, or CHROME_PATH. */
export const CHROMIUM = process.env.CHROME_PATH || "/usr/bin/chromium";

/** Headless in a container: no sandbox, no GPU, no /dev/shm, and nothing that talks to the network on its own. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
