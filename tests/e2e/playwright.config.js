// End-to-end tests on the release build in dist/, in the system Chromium (no browser download).
import { defineConfig } from "@playwright/test";
import { CHROMIUM, CHROMIUM_ARGS } from "./chromium.mjs";

// .ci/test picks a free port; 4173 when run by hand.
const port = Number(process.env.E2E_PORT ?? 4173);
// The build to test: ../../dist unless E2E_DIST names another (a second checkout or build can run beside).
const dist = process.env.E2E_DIST ? ` --dir ${JSON.stringify(process.env.E2E_DIST)}` : "";

export default defineConfig({
  testDir: "./specs",
  timeout: 30_000,
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: {
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
    },
  },
  webServer: {
    command: `node serve.mjs --port ${port}${dist}`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
  },
});
